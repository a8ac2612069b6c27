// npm run bench: every benchmark of the project, each figure against a baseline measured in the
// same run; prints the table and writes BENCHMARKS.md. It reports, it does not gate: it exits 0
// when a goal is missed, and says which and why. See scripts/README.md.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMs, progress, ROOT, runCommand } from './bench/lib.mjs';
import { benchmarksMarkdown, machine, missedGoals, row, textTable } from './bench/report.mjs';

const BENCHMARKS = {
  'mock-start': './bench/mock-start.mjs',
  'mock-load': './bench/mock-load.mjs',
  client: './bench/client.mjs',
  docs: './bench/docs.mjs',
  build: './bench/build.mjs',
};

const USAGE = `Usage: npm run bench [-- --only ${Object.keys(BENCHMARKS).join(',')}] [--quick] [--profile] [--write | --no-write]

Runs the benchmarks, prints the table and writes BENCHMARKS.md (a full run only, unless --write).
  --only LIST   run only these benchmarks (comma-separated); BENCHMARKS.md is then left alone
  --quick       fewer rounds and shorter runs: a check that everything works, not figures to publish
  --profile     profile the mock and the client even when they meet their goals
  --write       write BENCHMARKS.md even with --only or --quick
  --no-write    do not write BENCHMARKS.md`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const selected = options.only ? options.only.split(',').map((name) => name.trim()) : Object.keys(BENCHMARKS);
const unknown = selected.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const write = !options['no-write'] && (options.write || (!options.only && !options.quick));

/** What the benchmarks run: the built packages and site. */
function missingOutputs() {
  const required = ['packages/spec/dist/lib/index.js', 'packages/spec/dist/meta-server.openapi.json', 'packages/spec/dist/replica-server.openapi.json', 'packages/mock/dist/cli.js', 'packages/client/dist/index.js'];
  const missing = required.filter((path) => !existsSync(join(ROOT, path)));
  const site = join(ROOT, 'apps', 'docs', 'dist');
  if (!existsSync(site) || !readdirSync(site).some((file) => file.endsWith('.html'))) missing.push('apps/docs/dist/*.html');
  return missing;
}

const started = new Date();
const startedAt = performance.now();
const load = { start: loadavg() };
let missing = missingOutputs();
// In a working tree shared with others, a build may be under way and have removed its outputs
// for a moment: give it time to finish before building.
for (let waited = 0; missing.length && waited < 30_000; waited += 2_000) {
  if (waited === 0) progress(`not built (${missing.join(', ')}): waiting up to 30 s in case a build is under way`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  missing = missingOutputs();
}
if (missing.length) {
  progress(`not built yet (${missing.join(', ')}): running \`npx turbo run build\``);
  const result = await runCommand('npx', ['turbo', 'run', 'build'], { env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (result.code !== 0) {
    console.error(result.output.slice(-4000));
    progress('the build failed: the benchmarks that need what it did not build will say so');
  }
}

const rows = [];
const sections = [];
for (const name of selected) {
  const benchmark = await import(BENCHMARKS[name]);
  const benchStarted = performance.now();
  progress(`${benchmark.title}: starting`);
  // A benchmark that fails is tried once more after a pause: on a shared machine another build
  // may have removed what it runs for a moment.
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await benchmark.run({ quick: options.quick, profile: options.profile });
      rows.push(...result.rows);
      sections.push({ title: benchmark.title, how: result.how, details: result.details });
      progress(`${benchmark.title}: done in ${formatMs(performance.now() - benchStarted)}`);
      break;
    } catch (error) {
      progress(`${benchmark.title}: failed: ${error.message}`);
      if (attempt < 2) {
        progress(`${benchmark.title}: trying again in 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 20_000));
        continue;
      }
      rows.push(row({ figure: benchmark.title, goal: '', skipped: `failed: ${error.message.split('\n')[0]}` }));
      sections.push({ title: benchmark.title, how: `Failed in this run: ${error.message.split('\n')[0]}` });
      break;
    }
  }
}
load.end = loadavg();

console.log(`\n${textTable(rows)}\n`);
const missed = missedGoals(rows);
if (missed.length) {
  console.log(`${missed.length} goal${missed.length > 1 ? 's' : ''} missed:`);
  for (const { figure, why } of missed) console.log(`- ${figure.replaceAll('`', '')}: ${why.replaceAll('`', '')}`);
} else if (rows.every((entry) => entry.met)) console.log('Every goal met.');
const notRun = rows.filter((entry) => entry.skipped);
for (const entry of notRun) console.log(`- ${entry.figure.replaceAll('`', '')}: ${entry.skipped}`);
if (load.start[0] > 1 || load.end[0] > 1) console.log(`\nThe machine was busy (load average ${load.start[0].toFixed(2)} at the start, ${load.end[0].toFixed(2)} at the end, on ${machine().cpu.split(' × ').at(-1)} cores): the figures are noisy.`);

if (write) {
  const markdown = benchmarksMarkdown({ rows, sections, started, durationMs: performance.now() - startedAt, host: machine(), load });
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown);
  console.log('\nWrote BENCHMARKS.md.');
}

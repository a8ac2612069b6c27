// npm run bench: runs every benchmark (each package's `bench` script through turbo, one at a time,
// and the repository's build benchmark), then prints each figure against the baseline measured in
// the same run and writes BENCHMARKS.md. It reports; it does not gate: a missed goal exits 0.
// The benchmarks themselves live beside what they measure: packages/*/bench, apps/docs/bench, bench/.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = ['packages/client', 'packages/mock', 'packages/contract', 'apps/docs', '.'].map((dir) =>
  join(ROOT, dir, 'bench', 'results.json'),
);
const ENV = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

// The goals, per benchmark group (the describe name): what is compared and the bound.
const GOALS = {
  'client call, GET /version on loopback': [{ kind: 'ratio', max: 1.1 }],
  'mock GET /version, default mode': [
    { kind: 'rate', min: 2500 },
    { kind: 'p99', max: 10 },
  ],
  'mock GET /version, wire mode': [
    { kind: 'rate', min: 2500 },
    { kind: 'p99', max: 10 },
  ],
  'contract kit against a hostile server': [
    { kind: 'time', max: 60_000, only: /million/ },
    { kind: 'time', only: /MiB/ },
  ],
  'docs: time to rendered operations': [{ kind: 'time', max: 800 }],
  build: [
    { kind: 'time', max: 15_000, only: /^cold/ },
    { kind: 'time', max: 1000, only: /cached/ },
  ],
};

// A benchmark named `…, N at a time` sends N requests per iteration: its rate is N times vitest's.
const perIteration = (benchmark) => Number(/(\d+) at a time/.exec(benchmark.name)?.[1] ?? 1);
const requestRate = (benchmark) => benchmark.hz * perIteration(benchmark);
const ms = (value) =>
  value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : value >= 1
      ? `${value.toFixed(value >= 100 ? 0 : 1)} ms`
      : `${(value * 1000).toFixed(0)} µs`;
const rate = (hz) => `${Math.round(hz).toLocaleString('en-US')} req/s`;

/** One row per goal of each measured benchmark: figure, measured, baseline, ratio, goal, met. */
function rowsOf(group, benchmarks) {
  const name = group.split(' > ').at(-1);
  const baseline = benchmarks.find((b) => b.name.startsWith('baseline: '));
  const rows = [];
  for (const measured of benchmarks.filter((b) => b !== baseline)) {
    for (const goal of (GOALS[name] ?? [{ kind: 'time' }]).filter((g) => !g.only || g.only.test(measured.name))) {
      // The ratio compares like with like: rates for a rate, p99 for a p99, median times otherwise.
      const ratio = !baseline
        ? undefined
        : goal.kind === 'rate'
          ? requestRate(measured) / requestRate(baseline)
          : goal.kind === 'p99'
            ? measured.p99 / baseline.p99
            : measured.median / baseline.median;
      const shown = {
        ratio: [ms(measured.median), ratio !== undefined && ratio <= goal.max, `≤ ${goal.max?.toFixed(2)}× the baseline`],
        rate: [rate(requestRate(measured)), requestRate(measured) >= goal.min, `≥ ${rate(goal.min ?? 0)}`],
        p99: [`p99 ${ms(measured.p99)}`, measured.p99 <= goal.max, `≤ ${ms(goal.max ?? 0)}`],
        time: [
          ms(measured.median),
          goal.max === undefined || measured.median <= goal.max,
          goal.max === undefined ? '' : `≤ ${ms(goal.max)}`,
        ],
      }[goal.kind];
      const base = !baseline
        ? ''
        : goal.kind === 'rate'
          ? rate(requestRate(baseline))
          : goal.kind === 'p99'
            ? `p99 ${ms(baseline.p99)}`
            : ms(baseline.median);
      rows.push({
        figure: `${name}: ${measured.name}`,
        measured: shown[0],
        baseline: baseline ? `${base} (${baseline.name.slice(10)})` : '',
        ratio: ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
        goal: shown[2],
        met: shown[2] ? (shown[1] ? 'yes' : 'NO') : '',
      });
    }
  }
  return rows;
}

function table(rows) {
  const header = ['figure', 'measured', 'baseline', 'ratio', 'goal', 'met?'];
  const lines = rows.map((r) => [r.figure, r.measured, r.baseline, r.ratio, r.goal, r.met]);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`),
  ].join('\n');
}

function markdown(rows, started, load) {
  const missed = rows.filter((r) => r.met === 'NO');
  return `# Benchmarks

The last results of \`npm run bench\` (\`scripts/bench.mjs\`). Each benchmark lives beside the code it measures
(\`packages/client/bench\`, \`packages/mock/bench\`, \`packages/contract/bench\`, \`apps/docs/bench\`, \`bench/\` for the build) and runs with
\`vitest bench\`; every figure is set against a baseline measured in the same run on the same machine (the first
benchmark of its group), and the ratio is measured ÷ baseline: of the medians for times, of the rates for
requests/s, of the 99th percentiles for p99. Times are medians; requests/s is vitest's (tinybench's) rate of
iterations times the requests each sends (the mock's: ten at a time on ten keep-alive connections), and p99 the
99th percentile of an iteration's time. The docs figures open each page in a new browser context and wait until its first operation is on
screen; the trivial page pays the same browser costs. The cold build cleans every output and turbo's cache before
each of its runs, in a copy of the working tree.

- **Date:** ${started.toISOString().replace('T', ' ').slice(0, 19)} UTC
- **Machine:** ${cpus()[0]?.model.trim()} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end), Node.js ${process.version}
- **Load average** (1 min) at the start ${load.start.toFixed(2)}, at the end ${load.end.toFixed(2)}: on a 2-core machine a load above 1 means something else was running.

${table(rows)}

${missed.length ? `Goals missed in this run: ${missed.map((r) => r.figure).join('; ')}.` : 'Every goal was met in this run.'}
`;
}

const { values } = parseArgs({
  options: { 'no-write': { type: 'boolean', default: false }, 'skip-run': { type: 'boolean', default: false } },
});
const started = new Date();
const load = { start: loadavg()[0] };
if (!values['skip-run']) {
  execFileSync('npx', ['turbo', 'run', 'build'], { cwd: ROOT, env: ENV, stdio: 'inherit' });
  execFileSync('npx', ['turbo', 'run', 'bench', '--concurrency=1'], { cwd: ROOT, env: ENV, stdio: 'inherit' });
  execFileSync('npx', ['vitest', 'bench', '--run', '--outputJson', 'bench/results.json'], { cwd: ROOT, env: ENV, stdio: 'inherit' });
}
load.end = loadavg()[0];
const missing = RESULTS.filter((file) => !existsSync(file));
if (missing.length) throw new Error(`no results in ${missing.join(', ')}`);
const rows = RESULTS.flatMap((file) =>
  JSON.parse(readFileSync(file, 'utf8')).files.flatMap((f) => f.groups.flatMap((g) => rowsOf(g.fullName, g.benchmarks))),
);
console.log(`\n${table(rows)}\n`);
if (!values['no-write']) {
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown(rows, started, load));
  console.log('Wrote BENCHMARKS.md.');
}

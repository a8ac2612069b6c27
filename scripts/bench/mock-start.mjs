// Time until the mock answers after it is started, against the same for the smallest Node server.
import { join } from 'node:path';
import { BENCH_DIR, formatMs, median, progress, rawExchange, runCommand } from './lib.mjs';
import { startBaselineServer, startMockProcess } from './mock-capture.mjs';
import { row } from './report.mjs';

const GOAL_MS = 1500;
export const title = 'Mock start';

export function how({ runs }) {
  return `From spawning \`node packages/mock/bin/pegasus-mock.mjs --meta-port 0 --replica-port 0\` (plus \`--wire --standby-port 0\` for the wire mode) to the end of the first answer to \`GET /version\` from the MetaServer mock, whose address is read from the line the command prints once every mock listens. The baseline is the same for the smallest Node HTTP server (\`scripts/bench/servers/fixed-response-server.mjs\` without a response file, answering \`ok\`): what starting Node itself costs. ${runs} runs of each, taken in turn, median.`;
}

/** Spawn to first answer, in ms. */
async function timeToFirstAnswer(start) {
  const started = performance.now();
  const server = await start();
  try {
    await rawExchange(server.url, '/version');
    return performance.now() - started;
  } finally {
    await server.stop();
  }
}

/** The steps of the start, timed in a process of their own (scripts/bench/servers/mock-start-phases.mjs). */
async function phases(mode) {
  const { code, output } = await runCommand(process.execPath, [join(BENCH_DIR, 'servers', 'mock-start-phases.mjs'), ...(mode === 'wire' ? ['--wire'] : [])]);
  if (code !== 0) return `could not time the steps of the start: ${output.slice(-500)}`;
  const result = JSON.parse(output.trim().split('\n').at(-1));
  const steps = result.phases.map(([name, ms]) => `${name} ${formatMs(ms)}`).join(', ');
  const packages = result.packages.map(([name, count]) => `${name} ${count}`).join(', ');
  return `${steps}; ${result.modules} CommonJS modules loaded (most from ${packages}).`;
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 2 : 5;
  const kinds = {
    baseline: () => startBaselineServer(),
    default: () => startMockProcess('default'),
    wire: () => startMockProcess('wire'),
  };
  const times = { baseline: [], default: [], wire: [] };
  const names = Object.keys(kinds);
  for (let i = 0; i < runs; i++) {
    // Rotate the order, so that none is always first after an idle moment.
    for (const name of [...names.slice(i % names.length), ...names.slice(0, i % names.length)]) {
      progress(`mock start: run ${i + 1}/${runs}, ${name === 'baseline' ? 'plain Node server' : `pegasus-mock (${name} mode)`}`);
      times[name].push(await timeToFirstAnswer(kinds[name]));
    }
  }
  const baseline = median(times.baseline);
  const rows = [];
  const details = [];
  for (const mode of ['default', 'wire']) {
    const measured = median(times[mode]);
    const entry = row({
      figure: `mock start to first answer, ${mode === 'wire' ? '`--wire` mode' : 'default mode'}`,
      measured,
      baseline,
      unit: 'ms',
      goal: `≤ ${formatMs(GOAL_MS)}`,
      met: measured <= GOAL_MS,
      baselineLabel: 'plain Node server',
    });
    progress(`mock start: timing the steps of the start (${mode} mode)`);
    const steps = await phases(mode);
    if (!entry.met) entry.why = `the start, step by step: ${steps}`;
    rows.push(entry);
    details.push(`${mode} mode: runs ${times[mode].map(formatMs).join(', ')}; its steps, timed once: ${steps}`);
  }
  details.push(`plain Node server: runs ${times.baseline.map(formatMs).join(', ')}.`);
  return { rows, details, how: how({ runs }) };
}

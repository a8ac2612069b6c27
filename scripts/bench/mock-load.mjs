// Mock throughput and latency under load: autocannon, in a process of its own, against the mock
// and against a plain node:http server that sends the mock's exact bytes, in each mode.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise } from './cpuprofile-summary.mjs';
import { BENCH_DIR, formatNumber, median, processCpuMs, progress, runCommand, sleep, spawnNode } from './lib.mjs';
import { mockAndBaseline } from './mock-capture.mjs';
import { row } from './report.mjs';

const require = createRequire(import.meta.url);
const AUTOCANNON = join(require.resolve('autocannon/package.json'), '..', 'autocannon.js');
const PATH = '/version';
const GOAL_RPS = 2500;
const GOAL_P99_MS = 10;

export const title = 'Mock under load';

export function how({ connections, duration, warmup, rounds }) {
  return `autocannon ${require('autocannon/package.json').version} runs in its own process with ${connections} connections for ${duration} s (each run after a ${warmup} s warm-up run that is not counted) against \`GET ${PATH}\` of the MetaServer mock started by \`pegasus-mock --meta-port 0 --replica-port 0\` (both roles in one process, as users run it), and against the baseline: a plain \`node:http\` server (\`scripts/bench/servers/fixed-response-server.mjs\`), also in its own process, that answers every request with the bytes the mock sent (same status line, headers in the same order and case, same body: checked byte for byte before the run, Date value aside). Each server has its own event loop; on a 2-core machine the load generator takes one core and the server the other. The two are run alternately, ${rounds} rounds, and each figure is the median of the rounds: requests per second (autocannon's mean of per-second counts) and the 99th percentile of latency (autocannon measures in whole milliseconds). The CPU time each server process used during a measured run (from \`/proc/<pid>/stat\`), divided by the requests it answered, is given too: it depends much less on what else the machine is doing than requests per second do. When a goal is missed, the mock is run once more under the same load with a CPU profiler running only during the load (\`scripts/bench/servers/profiled-mock.mjs\`) and its time is split by package and function.`;
}

/** Runs autocannon once in a child process; resolves with its JSON result. */
async function autocannon(url, { connections, duration }) {
  const args = [AUTOCANNON, '-c', String(connections), '-d', String(duration), '-j', '-n'];
  const { code, output } = await runCommand(process.execPath, [...args, url], { timeoutMs: (duration + 30) * 1000 });
  const line = output.split('\n').reverse().find((text) => text.startsWith('{"url"'));
  if (code !== 0 || !line) throw new Error(`autocannon failed (${code}):\n${output.slice(-2000)}`);
  const result = JSON.parse(line);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * A warm-up run (not counted), then a measured run, with the CPU time the server process used
 * during the measured one, per request: a cost that depends much less on what else the machine runs.
 */
async function measure(server, options) {
  if (options.warmup > 0) await autocannon(`${server.url}${PATH}`, { ...options, duration: options.warmup });
  const cpuBefore = processCpuMs(server.pid);
  const result = await autocannon(`${server.url}${PATH}`, options);
  return { ...result, cpuUsPerRequest: ((processCpuMs(server.pid) - cpuBefore) * 1000) / result.total };
}

/** What a request costs inside the mock: a CPU profile of the mock while autocannon loads it. */
async function profileUnderLoad(mode, options) {
  const directory = mkdtempSync(join(tmpdir(), 'pegasus-bench-prof-'));
  const file = join(directory, 'mock.cpuprofile');
  try {
    const server = await spawnNode([join(BENCH_DIR, 'servers', 'profiled-mock.mjs'), file, ...(mode === 'wire' ? ['--wire'] : [])], { ready: /MetaServer mock:\s+(http\S+)/ });
    let load;
    try {
      const url = `${server.match[1]}${PATH}`;
      await autocannon(url, { ...options, duration: 1 });
      server.child.kill('SIGUSR2');
      await sleep(100);
      load = await autocannon(url, options);
    } finally {
      await server.stop('SIGTERM');
    }
    const summary = summarise(JSON.parse(readFileSync(file, 'utf8')));
    return { ...summary, requests: load.total, rps: load.rps };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function profileText(mode, profile) {
  const busy = profile.packages.reduce((total, entry) => total + entry.ms, 0);
  const perRequest = (busy * 1000) / profile.requests;
  const top = profile.packages.slice(0, 8).map(({ name, ms }) => `${name} ${formatNumber((100 * ms) / busy, 0)}%`).join(', ');
  const functions = profile.functions.slice(0, 6).map(({ name, ms }) => `\`${name}\` ${formatNumber((100 * ms) / busy, 0)}%`).join(', ');
  return `CPU profile of the ${mode} mock under the same load (${formatNumber(perRequest, 0)} µs sampled per request on its one thread): self time by package: ${top}. Hottest functions: ${functions}. (A sampling profiler charges the time a thread waits for a core on a busy machine to the call it is in, often a system call such as \`writev\`: the CPU time per request above is the firmer figure.)`;
}

const runText = (r) => `${formatNumber(r.rps)} req/s (p50 ${r.p50} ms, p99 ${r.p99} ms${Number.isFinite(r.cpuUsPerRequest) ? `, ${formatNumber(r.cpuUsPerRequest, 0)} µs CPU/request` : ''})`;

export async function run({ quick = false, profile = false } = {}) {
  const options = quick ? { connections: 10, duration: 2, warmup: 1, rounds: 1 } : { connections: 10, duration: 5, warmup: 1, rounds: 3 };
  const rows = [];
  const details = [];
  for (const mode of ['default', 'wire']) {
    progress(`mock load (${mode} mode): starting the mock and a baseline server that sends its bytes`);
    const pair = await mockAndBaseline(mode, PATH);
    const results = { mock: [], baseline: [] };
    try {
      if (!pair.sameBytes) throw new Error(`the baseline server's answer differs from the ${mode} mock's`);
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which goes first, so that a drift of the machine hits both alike.
        const order = round % 2 === 0 ? ['baseline', 'mock'] : ['mock', 'baseline'];
        for (const which of order) {
          progress(`mock load (${mode} mode): round ${round + 1}/${options.rounds}, ${which}, ${options.connections} connections for ${options.duration} s`);
          results[which].push(await measure(pair[which], options));
        }
      }
    } finally {
      await pair.stop();
    }
    const rps = { mock: median(results.mock.map((r) => r.rps)), baseline: median(results.baseline.map((r) => r.rps)) };
    const p99 = { mock: median(results.mock.map((r) => r.p99)), baseline: median(results.baseline.map((r) => r.p99)) };
    const cpu = { mock: median(results.mock.map((r) => r.cpuUsPerRequest)), baseline: median(results.baseline.map((r) => r.cpuUsPerRequest)) };
    const failures = results.mock.reduce((total, r) => total + r.failures, 0);
    const cpuText = Number.isFinite(cpu.mock)
      ? `The mock's process used ${formatNumber(cpu.mock, 0)} µs of CPU per request (the baseline's ${formatNumber(cpu.baseline, 0)} µs): with a core of its own it could answer at most about ${formatNumber(1e6 / cpu.mock)} requests a second, whatever else the machine runs.`
      : '';
    const label = mode === 'wire' ? '`--wire` mode' : 'default mode';
    const rpsRow = row({
      figure: `mock throughput, \`GET ${PATH}\`, ${label}`,
      measured: rps.mock,
      baseline: rps.baseline,
      unit: 'req/s',
      goal: `≥ ${formatNumber(GOAL_RPS)} req/s`,
      met: rps.mock >= GOAL_RPS && failures === 0,
      baselineLabel: 'plain node:http, same bytes',
    });
    const p99Row = row({
      figure: `mock p99 latency, \`GET ${PATH}\`, ${label}`,
      measured: p99.mock,
      baseline: p99.baseline,
      unit: 'ms',
      goal: `≤ ${GOAL_P99_MS} ms`,
      met: p99.mock <= GOAL_P99_MS && failures === 0,
      baselineLabel: 'plain node:http, same bytes',
      resolution: 1,
    });
    if (failures > 0) rpsRow.why = p99Row.why = `${failures} requests failed (errors, time-outs or non-2xx) during the runs.`;
    if (!rpsRow.met) rpsRow.why = [rpsRow.why, cpuText].filter(Boolean).join(' ');
    if (!p99Row.met) p99Row.why = [p99Row.why, cpuText].filter(Boolean).join(' ');
    if (profile || !rpsRow.met || !p99Row.met) {
      progress(`mock load (${mode} mode): profiling the mock under load`);
      const text = profileText(mode, await profileUnderLoad(mode, options));
      if (!rpsRow.met) rpsRow.why = [rpsRow.why, text].filter(Boolean).join(' ');
      if (!p99Row.met) p99Row.why = [p99Row.why, text].filter(Boolean).join(' ');
      if (rpsRow.met && p99Row.met) details.push(text);
    }
    rows.push(rpsRow, p99Row);
    details.push(
      `${label}: mock ${results.mock.map(runText).join('; ')}; baseline ${results.baseline.map(runText).join('; ')}; the answer: ${pair.raw.length} bytes, \`${pair.response.status} ${pair.response.statusMessage}\`, ${pair.response.headers.length} headers. ${cpuText}`,
    );
  }
  return { rows, details, how: how(options) };
}

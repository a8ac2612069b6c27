// The typed client's cost per call against a bare fetch of the same request, on loopback.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise } from './cpuprofile-summary.mjs';
import { BENCH_DIR, formatNumber, median, progress, ROOT, runCommand } from './lib.mjs';
import { mockAndBaseline } from './mock-capture.mjs';
import { row } from './report.mjs';

const GOAL_RATIO = 1.05;
const WORKER = join(BENCH_DIR, 'client-worker.mjs');
export const title = 'Client call';

export function how({ rounds, batch, warmup }) {
  return `\`createMetaServerClient({ baseUrl })\` from \`@pegasus-http/client\` (the build in \`packages/client/dist\` at the time of the run) calls \`client.GET('/version')\`; the baseline is the same request written with the bare global \`fetch\` (\`await (await fetch(url)).json()\`), the way a caller would without the client; before the run, a probe checks that both send the same request, byte for byte. Two layers between them are timed the same way, to show where the difference comes from: the bare fetch with the client's default time limit (\`fetch(url, { signal: AbortSignal.timeout(10_000) })\`), and openapi-fetch alone (\`createClient({ baseUrl }).GET('/version')\`, the openapi-fetch the client resolves, with nothing of ours). Both talk to a plain \`node:http\` server in another process that sends the default-mode mock's exact answer to \`GET /version\` (recorded from the mock in the same run), on loopback with keep-alive, so the figure is the client's own cost and not the mock's. In one process of its own (\`scripts/bench/client-worker.mjs\`): ${formatNumber(warmup)} calls of each to warm up, then ${rounds} rounds of ${batch} sequential calls of each, each round in the reverse order of the one before; each figure is the median over rounds of the mean time per call, and the ratio is client ÷ fetch. When the ratio misses the goal, the benchmark profiles ${formatNumber(10000)} calls of each side (\`node --cpu-prof\`) and lists what the client adds, per call, function by function.`;
}

async function worker(args, nodeOptions = []) {
  const { code, output } = await runCommand(process.execPath, [...nodeOptions, WORKER, ...args], { cwd: ROOT });
  const line = output.trim().split('\n').at(-1);
  if (code !== 0 || !line?.startsWith('{')) throw new Error(`client worker failed (${code}):\n${output.slice(-2000)}`);
  return JSON.parse(line);
}

/**
 * The request each side sends, as bytes: a server on loopback records the head of every request
 * and answers with the mock's recorded response, while the worker makes one call of each.
 */
async function requestsSent(response) {
  const heads = [];
  const server = createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        heads.push(pending.subarray(0, end + 4).toString('latin1'));
        pending = pending.subarray(end + 4);
        socket.write(response);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await worker(['--url', `http://127.0.0.1:${server.address().port}`, '--probe']);
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
  return heads;
}

/** Profiles `calls` calls of one side; the summary and the number of calls it covers (warm-up included). */
async function profileSide(url, side, calls) {
  const directory = mkdtempSync(join(tmpdir(), 'pegasus-bench-client-'));
  try {
    const warmup = 2000;
    await worker(['--url', url, '--only', side, '--calls', String(calls), '--warmup', String(warmup)], ['--cpu-prof', `--cpu-prof-dir=${directory}`]);
    const [file] = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'));
    return { summary: summarise(JSON.parse(readFileSync(join(directory, file), 'utf8'))), calls: calls + warmup + 2 };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What the client adds per call, from a profile of each side: the largest differences of self time per call, by function. */
async function explain(url) {
  const calls = 10000;
  progress('client: profiling the bare fetch');
  const raw = await profileSide(url, 'raw', calls);
  progress('client: profiling the client');
  const client = await profileSide(url, 'client', calls);
  const perCall = (side) => new Map(side.summary.functions.map(({ name, ms }) => [name, (ms * 1000) / side.calls]));
  const [rawPerCall, clientPerCall] = [perCall(raw), perCall(client)];
  const deltas = [...new Set([...rawPerCall.keys(), ...clientPerCall.keys()])]
    .map((name) => ({ name, us: (clientPerCall.get(name) ?? 0) - (rawPerCall.get(name) ?? 0) }))
    .sort((a, b) => b.us - a.us);
  const busy = (side) => (side.summary.busyMs * 1000) / side.calls;
  const top = deltas
    .slice(0, 10)
    .filter(({ us }) => us >= 0.5)
    .map(({ name, us }) => `\`${name}\` +${formatNumber(us, 1)} µs`)
    .join(', ');
  return `Profiled (\`node --cpu-prof\`, ${formatNumber(calls)} calls each): the client process is busy ${formatNumber(busy(client), 0)} µs per client call against ${formatNumber(busy(raw), 0)} µs per bare fetch. What the client adds, per call, largest first: ${top}. (Self time by function; \`(garbage collector)\` grows with what each call allocates.)`;
}

export async function run({ quick = false, profile = false } = {}) {
  const options = quick ? { rounds: 10, batch: 100, warmup: 1000 } : { rounds: 30, batch: 200, warmup: 2000 };
  progress('client: starting a server that sends the default mock\'s answer to GET /version');
  const pair = await mockAndBaseline('default', '/version');
  // Only the plain server is needed: the mock was there to give its bytes.
  await pair.mock.stop();
  try {
    if (!pair.sameBytes) throw new Error("the baseline server's answer differs from the mock's");
    // The worker's probe makes a bare fetch, then a client call: the same request, byte for byte?
    const [rawRequest, clientRequest] = await requestsSent(pair.raw);
    const sameRequest = rawRequest !== undefined && rawRequest === clientRequest;
    const requestNote = sameRequest
      ? `both sent the same request, byte for byte (${Buffer.byteLength(rawRequest)} bytes).`
      : `the two sides did not send the same request, so the comparison is not like for like: bare fetch \`${JSON.stringify(rawRequest)}\`, client \`${JSON.stringify(clientRequest)}\`.`;
    progress(`client: ${options.rounds} rounds of ${options.batch} calls of each, alternating (about ${Math.round((options.rounds * options.batch * 2 * 0.3) / 1000 + 1)} s)`);
    const result = await worker(['--url', pair.baseline.url, '--rounds', String(options.rounds), '--batch', String(options.batch), '--warmup', String(options.warmup)]);
    const measured = median(result.client);
    const baseline = median(result.raw);
    const entry = row({
      figure: 'client call, `GET /version` on loopback',
      measured,
      baseline,
      unit: 'µs',
      goal: `≤ ${GOAL_RATIO}×`,
      met: measured / baseline <= GOAL_RATIO,
      baselineLabel: 'bare fetch',
    });
    if (!sameRequest) entry.why = requestNote;
    const perRound = (name) => result[name].map((us) => formatNumber(us, 0)).join(', ');
    const [signal, openapiFetch] = [median(result.signal), median(result.openapiFetch)];
    const ratio = (us) => `${formatNumber(us / baseline, 2)}×`;
    const layers = `In the same run, openapi-fetch alone took ${formatNumber(openapiFetch, 0)} µs a call (${ratio(openapiFetch)} the bare fetch), and the bare fetch with a 10 s \`AbortSignal.timeout\` ${formatNumber(signal, 0)} µs (${ratio(signal)}): the client's own code, time limit included, adds ${formatNumber(measured - openapiFetch, 0)} µs to openapi-fetch's.`;
    const details = [
      requestNote,
      layers,
      `per-round means, client: ${perRound('client')} µs; bare fetch: ${perRound('raw')} µs; bare fetch with a time limit: ${perRound('signal')} µs; openapi-fetch alone: ${perRound('openapiFetch')} µs.`,
    ];
    if (!entry.met || profile) {
      const text = await explain(pair.baseline.url);
      if (!entry.met) {
        const floor = openapiFetch / baseline > GOAL_RATIO ? ` The client is built on openapi-fetch (DESIGN.md), so no version of it can be faster than openapi-fetch alone, which misses the goal by itself.` : '';
        entry.why = `${sameRequest ? '' : `${requestNote} `}the client adds ${formatNumber(measured - baseline, 0)} µs to a ${formatNumber(baseline, 0)} µs call. ${layers}${floor} ${text}`;
      } else details.push(text);
    }
    return { rows: [entry], details, how: how(options) };
  } finally {
    await pair.baseline.stop();
  }
}

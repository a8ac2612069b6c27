// The mock's own answer to a request, recorded byte for byte, and a plain node:http server that
// sends exactly those bytes: the baseline of the mock and client benchmarks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, parseRawResponse, rawExchange, spawnNode, withoutDate } from './lib.mjs';

export const MOCK_BIN = 'packages/mock/bin/pegasus-mock.mjs';
export const MODES = {
  default: [],
  wire: ['--wire', '--standby-port', '0'],
};
const MOCK_READY = /MetaServer mock[^:]*:\s+(http\S+)/;
const BASELINE_READY = /listening on (http\S+)/;

/** Starts `pegasus-mock` (both roles, and the standby in wire mode) on free ports; the MetaServer's URL is `url`. */
export async function startMockProcess(mode, { nodeOptions = [] } = {}) {
  const started = await spawnNode([MOCK_BIN, '--meta-port', '0', '--replica-port', '0', ...MODES[mode]], { ready: MOCK_READY, nodeOptions });
  return { url: started.match[1], ms: started.ms, stop: started.stop, child: started.child, pid: started.child.pid };
}

/** Starts the baseline server, answering every request with `response` (as parsed by parseRawResponse), or `ok` without one. */
export async function startBaselineServer(response) {
  let file;
  let directory;
  if (response) {
    directory = mkdtempSync(join(tmpdir(), 'pegasus-bench-'));
    file = join(directory, 'response.json');
    writeFileSync(file, JSON.stringify({ ...response, body: response.body.toString('base64') }));
  }
  const started = await spawnNode([join(BENCH_DIR, 'servers', 'fixed-response-server.mjs'), ...(file ? [file] : [])], { ready: BASELINE_READY });
  return {
    url: started.match[1],
    ms: started.ms,
    pid: started.child.pid,
    stop: async () => {
      await started.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The mock (in `mode`) and a baseline server that sends the same bytes for `GET path`, both
 * running; `sameBytes` says whether the two answers are identical but for the Date value.
 */
export async function mockAndBaseline(mode, path) {
  const mock = await startMockProcess(mode);
  try {
    const raw = await rawExchange(mock.url, path);
    const response = parseRawResponse(raw);
    const baseline = await startBaselineServer(response);
    const sameBytes = withoutDate(await rawExchange(baseline.url, path)) === withoutDate(raw);
    return { mock, baseline, response, raw, sameBytes, stop: () => Promise.all([mock.stop(), baseline.stop()]) };
  } catch (error) {
    await mock.stop();
    throw error;
  }
}

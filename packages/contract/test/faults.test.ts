// Faults are findings, never crashes: a server that refuses, hangs, closes the connection, sends
// a body that is not JSON, is cut short or too large, or redirects in a loop.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractReport, exitCodeOf, runContract } from '../src/index.js';
import { type FakeCluster, startFakeCluster } from './fake-cluster.js';
import { forward, redirect, startServer, type TestServer } from './fault-servers.js';

type Fault = 'hang' | 'close' | 'notJson' | 'truncate' | 'huge' | 'loop';

/** What a faulty server does instead of answering. */
const FAULTS: Record<Fault, (response: ServerResponse, self: string, target: string) => void> = {
  hang: () => undefined,
  close: (response) => response.socket?.destroy(),
  notJson: (response) => response.writeHead(200, { 'Content-Type': 'text/plain' }).end('<html>not JSON</html>'),
  truncate: (response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
    response.write('{"RecentStartTime":"2026');
    setTimeout(() => response.socket?.destroy(), 50);
  },
  huge: (response) => response.writeHead(200, { 'Content-Type': 'text/plain' }).end(Buffer.alloc(3 * 1024 * 1024, 0x20)),
  loop: (response, self, target) => redirect(response, `${self}${target}`),
};

/** A server in front of `target` that misbehaves on the given paths and forwards the rest. */
function faultyProxy(target: string, faults: Record<string, Fault>): Promise<TestServer> {
  return startServer((request, response, self) => {
    const fault = faults[(request.url ?? '/').split('?')[0]!];
    if (fault) FAULTS[fault](response, self, request.url ?? '/');
    else forward(target, request, response);
  });
}

let cluster: FakeCluster | undefined;
let proxy: TestServer | undefined;
afterEach(async () => {
  await proxy?.close();
  await cluster?.close();
  proxy = cluster = undefined;
});

function resultFor(report: ContractReport, operationId: string) {
  return report.results.find((r) => r.operationId === operationId && r.outcome !== 'skipped')!;
}

describe('faults', () => {
  it('reports a refused connection, and exits 2 when no server answers at all', async () => {
    const report = await runContract({ meta: ['http://127.0.0.1:1'], replica: [] });
    expect(report.results[0]).toMatchObject({
      outcome: 'error',
      findings: [expect.objectContaining({ message: expect.stringMatching(/^refused/) })],
    });
    expect(report.ran).toBe(false);
    expect(exitCodeOf(report)).toBe(2);
  });

  it.each<[Fault, string, RegExp]>([
    ['hang', '/recentStartTime', /^timeout: no complete answer within 300 ms/],
    ['close', '/recentStartTime', /^closed: /],
    ['truncate', '/recentStartTime', /^truncated: /],
    ['huge', '/configs', /^too-large: the body exceeds 1048576 bytes/],
    ['loop', '/recentStartTime', /^redirect loop: /],
  ])('reports %s on %s as a fault of that call only', async (fault, path, message) => {
    cluster = await startFakeCluster();
    const faulty = await faultyProxy(cluster.replica.url, { [path]: fault });
    proxy = faulty;
    const report = await runContract({ meta: [], replica: [faulty.url], timeoutMs: 300, maxBodyBytes: 1024 * 1024 });
    const operationId = path === '/recentStartTime' ? 'recentStartTime_get' : 'configs_list';
    expect(resultFor(report, operationId).findings.map((f) => f.message)).toContainEqual(expect.stringMatching(message));
    expect(resultFor(report, 'version_get').outcome).toBe('pass');
    expect(exitCodeOf(report)).toBe(1);
  });

  it('reports a body that is not JSON where JSON is documented as drift', async () => {
    cluster = await startFakeCluster();
    const faulty = await faultyProxy(cluster.replica.url, { '/recentStartTime': 'notJson' });
    proxy = faulty;
    const report = await runContract({ meta: [], replica: [faulty.url] });
    expect(resultFor(report, 'recentStartTime_get')).toMatchObject({
      outcome: 'drift',
      findings: [expect.objectContaining({ message: 'recentStartTime_get 200: the body is not JSON' })],
    });
  });

  it('stops with exit status 2 when a server answers /version with something that is no version', async () => {
    cluster = await startFakeCluster();
    const faulty = await faultyProxy(cluster.replica.url, { '/version': 'notJson' });
    proxy = faulty;
    const report = await runContract({ meta: [], replica: [faulty.url] });
    expect(report.stopped).toBe(
      `${faulty.url} answered /version with 200 "<html>not JSON</html>", not a version; pass --release to check it against one of the releases the contract describes (master, v2.5.0, v2.4.0)`,
    );
    expect(exitCodeOf(report)).toBe(2);
  });

  it('does not probe a server that does not answer /version, and reports the fault', async () => {
    cluster = await startFakeCluster();
    const faulty = await faultyProxy(cluster.replica.url, { '/version': 'close' });
    proxy = faulty;
    const report = await runContract({ meta: [], replica: [faulty.url, cluster.replica.url] });
    expect(report.notes).toContainEqual(
      `${faulty.url} could not be reached (closed: the server closed the connection without a complete answer); its other calls were not probed.`,
    );
    const results = report.results.filter((r) => r.server === faulty.url);
    expect(results.map((r) => [r.operationId, r.outcome])).toEqual([
      ['replicaServerCalls_list', 'pass'],
      ['version_get', 'error'],
    ]);
    expect(report.results.filter((r) => r.server === cluster!.replica.url && r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expect(exitCodeOf(report)).toBe(1);
  });
});

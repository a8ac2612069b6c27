// Each server is checked against its own release's contract: the release its /version names (or
// the one --release gives), a clear stop when it names none, a rolling upgrade of mixed releases,
// a standby of v2.4.0 or v2.5.0 never sent /meta/cluster, and the report naming each release.
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeOf, formatJunit, formatPretty, runContract } from '../src/index.js';
import { type FakeCluster, type FakeClusterOptions, startFakeCluster } from './fake-cluster.js';

let cluster: FakeCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function start(options: FakeClusterOptions): Promise<FakeCluster> {
  cluster = await startFakeCluster(options);
  return cluster;
}

const everyServer = (c: FakeCluster) => ({ meta: [c.primary.url, c.standby.url], replica: [c.replica.url] });
const sentMetaCluster = (received: string[]) => received.filter((request) => request.split(' ')[1]!.startsWith('/meta/cluster'));

describe('the release of each server', () => {
  it.each([
    ['v2.4.0', '2.4.0'],
    ['v2.5.0', '2.5.0'],
    ['master', '2.6.0-SNAPSHOT'],
  ] as const)('is %s for a server reporting %s, and the report says so', async (release, version) => {
    const c = await start({ release });
    const report = await runContract(everyServer(c));
    expect(report.servers).toEqual([
      { server: c.primary.url, role: 'meta-server', serverRole: 'primary', release, version },
      { server: c.standby.url, role: 'meta-server', serverRole: 'standby', release, version },
      { server: c.replica.url, role: 'replica-server', serverRole: 'replica', release, version },
    ]);
    const pretty = formatPretty(report);
    expect(pretty).toContain(`${c.replica.url}, a ReplicaServer, reports version ${version}: checked against ${release}.`);
    expect(pretty).toMatch(
      new RegExp(`: the cluster (does not )?match(es)? the contract, checked against ${release.replaceAll('.', '\\.')}\\.$`),
    );
    expect(formatJunit(report)).toContain(`<testsuite name="replica ${c.replica.url} (${release})"`);
    expect(formatJunit(report)).toContain(`<property name="release" value="${release}"/>`);
  });

  it('stops the run with exit status 2 when a server reports an older version, naming it', async () => {
    const c = await start({ release: 'v2.4.0', replicaVersion: '2.3.0' });
    const report = await runContract(everyServer(c));
    expect(report.stopped).toMatch(
      new RegExp(`^${c.replica.url} reports version "2\\.3\\.0", which no release of the contract covers; pass --release`),
    );
    expect(report.results).toEqual([]);
    expect(formatPretty(report)).toMatch(
      /0 passed, 0 drifted, 0 failed, 0 skipped in \d+ ms: could not run: http:\/\/127\.0\.0\.1:\d+ reports version "2\.3\.0"/,
    );
    expect(exitCodeOf(report)).toBe(2);
    // Nothing is probed once a release cannot be told: not even the primary's /meta/cluster.
    expect(c.replica.received).toEqual(['GET /version']);
  });

  it('is the one --release gives, for every server, without asking /version first', async () => {
    const c = await start({ release: 'v2.4.0', replicaVersion: '2.3.0' });
    const report = await runContract({ ...everyServer(c), release: 'v2.4.0' });
    expect(report.servers.map((s) => [s.release, s.version])).toEqual([
      ['v2.4.0', undefined],
      ['v2.4.0', undefined],
      ['v2.4.0', undefined],
    ]);
    expect(formatPretty(report)).toContain(`${c.replica.url}, a ReplicaServer, release chosen with --release: checked against v2.4.0.`);
    expect(c.replica.received[0]).toBe('GET /');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('is each server its own in a rolling upgrade: v2.5.0 MetaServers, a master ReplicaServer', async () => {
    const c = await start({ release: 'v2.5.0', replicaRelease: 'master' });
    const report = await runContract(everyServer(c));
    expect(report.servers.map((s) => s.release)).toEqual(['v2.5.0', 'v2.5.0', 'master']);
    const releaseOf = (server: string) => new Set(report.results.filter((r) => r.server === server).map((r) => r.release));
    expect(releaseOf(c.primary.url)).toEqual(new Set(['v2.5.0']));
    expect(releaseOf(c.replica.url)).toEqual(new Set(['master']));
    expect(report.results.filter((r) => r.server === c.replica.url && r.operationId === 'metrics_get').length).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.server === c.primary.url && r.operationId === 'perfCounter_get').length).toBeGreaterThan(0);
    expect(formatPretty(report)).toMatch(/: the cluster matches the contract, checked against v2\.5\.0 and master\.$/);
    expect(exitCodeOf(report)).toBe(0);
  });
});

describe.each(['v2.4.0', 'v2.5.0'] as const)('a %s standby', (release) => {
  it('is never sent /meta/cluster, and is checked for what a standby of its release answers', async () => {
    const c = await start({ release });
    const report = await runContract({ meta: [c.standby.url, c.primary.url], replica: [c.replica.url] });
    expect(sentMetaCluster(c.standby.received)).toEqual([]);
    expect(sentMetaCluster(c.primary.received).length).toBeGreaterThan(0);
    const onStandby = report.results.filter((r) => r.server === c.standby.url);
    expect(onStandby.find((r) => r.operationId === 'cluster_get')).toMatchObject({
      outcome: 'skipped',
      reason: `a ${release} standby crashes on this call`,
    });
    expect(onStandby.find((r) => r.operationId === 'apps_list' && r.label === 'brief')).toMatchObject({ outcome: 'pass', status: 200 });
    expect(onStandby.find((r) => r.operationId === 'appBulkLoad_query' && r.label === 'read')).toMatchObject({
      outcome: 'pass',
      status: 404,
    });
    expect(exitCodeOf(report)).toBe(0);
  });

  it('nor is any MetaServer when the primary cannot be told, which a note says', async () => {
    const c = await start({ release, noNodes: true });
    const report = await runContract(everyServer(c));
    expect(sentMetaCluster([...c.primary.received, ...c.standby.received])).toEqual([]);
    expect(report.servers.slice(0, 2).map((s) => s.serverRole)).toEqual(['unknown', 'unknown']);
    expect(report.notes).toContainEqual(expect.stringMatching(/^Cannot tell the primary MetaServer: .* know no replica server/));
    const cluster = report.results.filter((r) => r.operationId === 'cluster_get');
    expect(cluster.map((r) => r.reason)).toEqual([
      `not established as the primary, and a ${release} standby crashes on this call`,
      `not established as the primary, and a ${release} standby crashes on this call`,
    ]);
    expect(exitCodeOf(report)).toBe(0);
  });
});

// The kit against a fake cluster of each release that answers like that release of Pegasus:
// everything matches. Then, per release, one test per kind of drift injected into the fake: each
// must be reported as drift, with exit status 1.
import { RELEASES, type Release } from '@pegasus-http/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractReport, exitCodeOf, runContract } from '../src/index.js';
import { type Drift, type FakeCluster, startFakeCluster } from './fake-cluster.js';

let cluster: FakeCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

type Allow = { allowMutations?: boolean; allowProfiling?: boolean };

async function check(release: Release, drift: Drift = {}, options: Allow = {}): Promise<ContractReport> {
  cluster = await startFakeCluster({ release, drift });
  return runContract({ meta: [cluster.primary.url, cluster.standby.url], replica: [cluster.replica.url], ...options });
}

function drifts(report: ContractReport): string[] {
  return report.results
    .filter((r) => r.outcome === 'drift' || r.outcome === 'error')
    .flatMap((r) => r.findings.map((f) => `${r.operationId}: ${f.message}${f.pointer ? ` at ${f.pointer}` : ''}`));
}

const MUTATING_OR_PROFILING = [
  '/updateConfig',
  '/meta/app/start_bulk_load',
  '/meta/app/start_compaction',
  '/meta/app/usage_scenario',
  '/pprof/heap',
  '/pprof/growth',
  '/pprof/profile',
];

describe.each(RELEASES)('a %s cluster that keeps the contract', (release) => {
  it('passes every probe of every server, each checked against its release', async () => {
    const report = await check(release);
    expect(drifts(report)).toEqual([]);
    expect(exitCodeOf(report)).toBe(0);
    expect(report.servers.map((s) => [s.serverRole, s.release])).toEqual([
      ['primary', release],
      ['standby', release],
      ['replica', release],
    ]);
    expect(new Set(report.results.map((r) => r.release))).toEqual(new Set([release]));
    expect(report.results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(50);
  });

  it('passes with mutations and profiling allowed, and skips them otherwise', async () => {
    const quiet = await check(release);
    const skipped = quiet.results.filter((r) => r.outcome === 'skipped' && /pass --allow/.test(r.reason ?? ''));
    expect(skipped.map((r) => r.operationId)).toEqual(
      expect.arrayContaining(['config_update', 'appBulkLoad_start', 'appCompaction_start', 'appUsageScenario_update', 'pprofHeap_get']),
    );
    await cluster!.close();
    const loud = await check(release, {}, { allowMutations: true, allowProfiling: true });
    expect(drifts(loud)).toEqual([]);
    expect(loud.results.filter((r) => /pass --allow/.test(r.reason ?? ''))).toEqual([]);
    expect(exitCodeOf(loud)).toBe(0);
  });

  it('never sends a mutating or profiling call unless allowed', async () => {
    await check(release);
    const received = [cluster!.primary, cluster!.standby, cluster!.replica].flatMap((server) => server.received);
    for (const path of MUTATING_OR_PROFILING) expect(received.filter((request) => request.split(' ')[1]!.startsWith(path))).toEqual([]);
  });
});

describe('on master', () => {
  it("checks the standby's redirects, and resolves every probe's answer in the contract", async () => {
    const report = await check('master');
    const standby = report.results.filter((r) => r.server === cluster!.standby.url && r.operationId === 'cluster_get');
    expect(standby).toEqual([expect.objectContaining({ serverRole: 'standby', status: 307, outcome: 'pass' })]);
    expect(report.results.filter((r) => /documents no/.test(r.reason ?? ''))).toEqual([]);
  });

  // master's get_app, list_app and list_node reject an unknown parameter before they redirect.
  it.each([
    ['apps_list', '/meta/apps?pegasus_contract=1'],
    ['nodes_list', '/meta/nodes?pegasus_contract=1'],
    ['app_get', '/meta/app?name=temp&pegasus_contract=1'],
  ])("expects the standby's own 400 where a rule says it checks first: %s", async (operationId, target) => {
    const report = await check('master');
    const probe = report.results.find((r) => r.server === cluster!.standby.url && r.operationId === operationId && r.target === target);
    expect(probe).toMatchObject({ status: 400, outcome: 'pass' });
    expect(exitCodeOf(report)).toBe(0);
  });

  it('reports a standby that redirects before the checks it makes first', async () => {
    const report = await check('master', { standbyRedirectsFirst: true });
    expect(drifts(report)).toContainEqual(expect.stringMatching(/^apps_list: apps_list: expected the documented 400 \(unknownParameter\)/));
    expect(exitCodeOf(report)).toBe(1);
  });
});

/** The drift a standby can show in a release: master's stops redirecting; a release's starts. */
function standbyDrift(release: Release): [string, Drift, RegExp] {
  return release === 'master'
    ? ['a standby that stops redirecting', { standbyAnswers: true }, /a standby MetaServer must redirect to the primary/]
    : ['a standby that redirects', { standbyRedirects: true }, /expected the documented|status 307 is not documented/];
}

const DRIFTS = RELEASES.flatMap((release): [Release, string, Drift, RegExp][] =>
  (
    [
      ['a renamed field', { renamedField: true }, /cluster_get: .*(meta_servers|metaServers)/],
      [
        'a number where a string is documented',
        { numberForString: true },
        /apps_list: .*must be string at \/general_info\/\d+\/partition_count/,
      ],
      ['a missing required field', { missingRequiredField: true }, /version_get: .*required property 'GitCommit'/],
      ['a wrong status', { wrongStatus: true }, /app_get: expected the documented 404/],
      ['a wrong Content-Type label', { wrongContentType: true }, /version_get: version_get 200: wrong Content-Type label/],
      [
        'a call missing from the root listing',
        { missingFromListing: true },
        /metaServerCalls_list: the contract describes \/meta\/nodes, which the server does not list/,
      ],
      ['an extra call in the root listing', { extraInListing: true }, /metaServerCalls_list: the server lists \/meta\/app\/split/],
      standbyDrift(release),
    ] as [string, Drift, RegExp][]
  ).map(([name, drift, message]): [Release, string, Drift, RegExp] => [release, name, drift, message]),
);

describe.each(DRIFTS)('drift in %s: %s', (release, _name, drift, message) => {
  it('is reported as drift, with exit status 1', async () => {
    const report = await check(release, drift);
    expect(drifts(report)).toContainEqual(expect.stringMatching(message));
    expect(exitCodeOf(report)).toBe(1);
  });
});

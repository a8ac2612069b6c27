// The kit against a fake cluster that answers like Pegasus: everything matches. Then, one test per
// kind of drift injected into the fake: each must be reported as drift, with exit status 1.
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractReport, exitCodeOf, runContract } from '../src/index.js';
import { type Drift, type FakeCluster, startFakeCluster } from './fake-cluster.js';

let cluster: FakeCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function check(drift: Drift = {}, options: { allowMutations?: boolean; allowProfiling?: boolean } = {}): Promise<ContractReport> {
  cluster = await startFakeCluster(drift);
  return runContract({ meta: [cluster.primary.url, cluster.standby.url], replica: [cluster.replica.url], ...options });
}

function drifts(report: ContractReport): string[] {
  return report.results
    .filter((r) => r.outcome === 'drift')
    .flatMap((r) => r.findings.map((f) => `${r.operationId}: ${f.message}${f.pointer ? ` at ${f.pointer}` : ''}`));
}

describe('a cluster that keeps the contract', () => {
  it("passes every probe of every server, the standby's redirects included", async () => {
    const report = await check();
    expect(drifts(report)).toEqual([]);
    expect(report.summary.error).toBe(0);
    expect(exitCodeOf(report)).toBe(0);
    const standby = report.results.filter((r) => r.server === cluster!.standby.url && r.operationId === 'cluster_get');
    expect(standby).toEqual([expect.objectContaining({ serverRole: 'standby', status: 307, outcome: 'pass' })]);
    expect(report.results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(60);
  });

  it('passes with mutations and profiling allowed, and skips them otherwise', async () => {
    const quiet = await check();
    expect(quiet.results.filter((r) => r.outcome === 'skipped').map((r) => r.operationId)).toEqual(
      expect.arrayContaining([
        'config_update',
        'appBulkLoad_start',
        'appCompaction_start',
        'appUsageScenario_update',
        'pprofHeap_get',
        'pprofGrowth_get',
        'pprofProfile_get',
      ]),
    );
    await cluster!.close();
    const loud = await check({}, { allowMutations: true, allowProfiling: true });
    expect(drifts(loud)).toEqual([]);
    expect(loud.summary.skipped).toBe(0);
    expect(exitCodeOf(loud)).toBe(1 - 1);
  });

  it('never sends a mutating or profiling call unless allowed', async () => {
    const report = await check();
    const sent = report.results.filter((r) => r.outcome !== 'skipped').map((r) => r.target);
    for (const path of [
      '/updateConfig',
      '/meta/app/start_bulk_load',
      '/meta/app/start_compaction',
      '/meta/app/usage_scenario',
      '/pprof/heap',
      '/pprof/growth',
      '/pprof/profile',
    ]) {
      expect(sent.filter((target) => target.startsWith(path))).toEqual([]);
    }
  });
});

describe.each<[string, Drift, RegExp]>([
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
  ['a standby that stops redirecting', { standbyAnswers: true }, /a standby MetaServer must redirect to the primary/],
])('drift: %s', (_name, drift, message) => {
  it('is reported as drift, with exit status 1', async () => {
    const report = await check(drift);
    expect(drifts(report)).toContainEqual(expect.stringMatching(message));
    expect(exitCodeOf(report)).toBe(1);
  });
});

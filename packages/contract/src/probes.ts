// The probe catalogue: for every operation of every release's contract, the requests that exercise
// it on a live cluster, with arguments taken from the cluster itself, and the read-only error
// probes, each naming the documented answer (status and example) it expects. The plan step
// resolves each name in the operation index of the server's release (a probe of a call the release
// does not serve is left out) and turns the catalogue into each server's probes.
import type { Role } from '@pegasus-http/spec';
import type { ClusterFacts } from './discover.js';

/** Why a probe is sent; mutating and profiling probes run only when allowed. */
export type ProbeKind = 'read' | 'error' | 'mutation' | 'profiling';

/** A documented answer, by status and example name. */
export interface NamedAnswer {
  status: number;
  example: string;
}

export interface ProbeSpec {
  operationId: string;
  kind: ProbeKind;
  /** What the probe checks, for the report. */
  label: string;
  /** Query parameters, or a raw query string (already encoded) for the framework probes. */
  query?: Record<string, string>;
  rawQuery?: string;
  /** Send the contract's example request of the call (its parameters' examples), in the server's release. */
  fromExample?: boolean;
  method?: 'GET' | 'POST';
  body?: string;
  /** The documented answer an error probe expects: status and example name. */
  expect?: NamedAnswer;
  /** Other names a release may document the same answer under, tried in order when it does not document `expect`. */
  aliases?: NamedAnswer[];
  /** Set when the probe cannot run, and why. */
  skip?: string;
}

/** A table name no cluster has, for the "unknown table" probes. */
export const NO_SUCH_TABLE = 'pegasus_contract_no_such_table';
const NO_TABLE = 'the cluster has no table to query (create one, or pass --table)';

function withTable(
  facts: ClusterFacts,
  build: (table: NonNullable<ClusterFacts['table']>) => Omit<ProbeSpec, 'operationId' | 'kind' | 'label'>,
): Omit<ProbeSpec, 'operationId' | 'kind' | 'label'> {
  return facts.table ? build(facts.table) : { skip: NO_TABLE };
}

/** The probes of the builtin calls every server serves. */
function builtinProbes(facts: ClusterFacts): ProbeSpec[] {
  return [
    { operationId: 'version_get', kind: 'read', label: 'read' },
    {
      operationId: 'version_get',
      kind: 'error',
      label: 'a query parameter given twice',
      rawQuery: 'x=1&x=2',
      expect: { status: 400, example: 'duplicateParameter' },
    },
    { operationId: 'recentStartTime_get', kind: 'read', label: 'read' },
    facts.flag
      ? { operationId: 'config_get', kind: 'read', label: `flag ${facts.flag}`, query: { name: facts.flag } }
      : { operationId: 'config_get', kind: 'read', label: 'a flag', skip: 'no flag found in /configs' },
    {
      operationId: 'config_get',
      kind: 'error',
      label: 'unknown flag',
      query: { name: 'pegasus_contract_no_such_flag' },
      expect: { status: 200, example: 'notFound' },
    },
    {
      operationId: 'config_get',
      kind: 'error',
      label: 'name missing',
      expect: { status: 400, example: 'emptyName' },
      aliases: [{ status: 200, example: 'missingName' }],
    },
    { operationId: 'configs_list', kind: 'read', label: 'read' },
    {
      operationId: 'configs_list',
      kind: 'error',
      label: 'a query parameter',
      rawQuery: 'detail',
      expect: { status: 400, example: 'unexpectedParameter' },
    },
    facts.mutableFlag
      ? {
          operationId: 'config_update',
          kind: 'mutation',
          label: `set ${facts.mutableFlag.name} to its current value`,
          query: { [facts.mutableFlag.name]: facts.mutableFlag.value },
          expect: { status: 200, example: 'updated' },
        }
      : { operationId: 'config_update', kind: 'mutation', label: 'a mutable flag', skip: 'no mutable flag found in /configs' },
  ];
}

/** The probes of the monitoring calls: /perfCounter (v2.4.0, v2.5.0) and /metrics (master), each where its release serves it. */
function monitoringProbes(): ProbeSpec[] {
  return [
    { operationId: 'perfCounter_get', kind: 'read', label: "the contract's example counter", fromExample: true },
    {
      operationId: 'perfCounter_get',
      kind: 'error',
      label: 'unknown counter',
      query: { name: 'pegasus_contract*no_such*counter' },
      expect: { status: 200, example: 'notFound' },
    },
    {
      operationId: 'perfCounter_get',
      kind: 'error',
      label: 'unknown parameter',
      query: { pegasus_contract: '1' },
      expect: { status: 400, example: 'unknownParameter' },
    },
    { operationId: 'metrics_get', kind: 'read', label: 'brief' },
    { operationId: 'metrics_get', kind: 'read', label: 'detail', query: { detail: 'true' } },
    {
      operationId: 'metrics_get',
      kind: 'read',
      label: 'server entity, name and value only',
      query: { types: 'server', with_metric_fields: 'name,value' },
    },
    {
      operationId: 'metrics_get',
      kind: 'error',
      label: 'detail not a boolean',
      query: { detail: 'maybe' },
      expect: { status: 400, example: 'notBoolean' },
    },
    { operationId: 'metrics_get', kind: 'error', label: 'POST', method: 'POST', expect: { status: 400, example: 'postRejected' } },
  ];
}

/** The probes of /pprof/*. */
function pprofProbes(): ProbeSpec[] {
  return [
    { operationId: 'pprofCmdline_get', kind: 'read', label: 'read' },
    { operationId: 'pprofSymbol_count', kind: 'read', label: 'read' },
    { operationId: 'pprofSymbol_lookup', kind: 'read', label: 'an address', method: 'POST', body: '0x0' },
    { operationId: 'pprofHeap_get', kind: 'profiling', label: 'heap sample' },
    { operationId: 'pprofGrowth_get', kind: 'profiling', label: 'growth stacks' },
    { operationId: 'pprofProfile_get', kind: 'profiling', label: 'one second of CPU profile', query: { seconds: '1' } },
  ];
}

const UNKNOWN_PARAMETER = { status: 400, example: 'unknownParameter' };

/** The error probe of a parameter the call does not declare (beside `query`), which the server refuses with an empty 400. */
function unknownParameter(operationId: string, query: Record<string, string> = {}): ProbeSpec {
  return { operationId, kind: 'error', label: 'unknown parameter', query: { ...query, pegasus_contract: '1' }, expect: UNKNOWN_PARAMETER };
}

/** The probes of the MetaServer's calls about the whole cluster, which change nothing. */
function metaClusterProbes(): ProbeSpec[] {
  return [
    { operationId: 'cluster_get', kind: 'read', label: 'read' },
    { operationId: 'nodes_list', kind: 'read', label: 'brief' },
    { operationId: 'nodes_list', kind: 'read', label: 'detail', query: { detail: '' } },
    unknownParameter('nodes_list'),
    { operationId: 'apps_list', kind: 'read', label: 'brief' },
    { operationId: 'apps_list', kind: 'read', label: 'detail', query: { detail: '' } },
    unknownParameter('apps_list'),
    { operationId: 'backupPolicies_list', kind: 'read', label: 'read' },
    { operationId: 'envs_list', kind: 'read', label: 'read' },
  ];
}

/** The probes of the MetaServer's calls about one table, which change nothing. */
function metaTableProbes(facts: ClusterFacts): ProbeSpec[] {
  const named = (table: NonNullable<ClusterFacts['table']>) => ({ query: { name: table.name } });
  const unknownTable = (operationId: string, expect: NamedAnswer): ProbeSpec => ({
    operationId,
    kind: 'error',
    label: 'unknown table',
    query: { name: NO_SUCH_TABLE },
    expect,
  });
  return [
    { operationId: 'app_get', kind: 'read', label: 'brief', ...withTable(facts, named) },
    { operationId: 'app_get', kind: 'read', label: 'detail', ...withTable(facts, (t) => ({ query: { name: t.name, detail: '' } })) },
    unknownTable('app_get', { status: 404, example: 'tableNotFound' }),
    { operationId: 'app_get', kind: 'error', label: 'name missing', expect: { status: 400, example: 'emptyName' } },
    // With the table named, so that only the unknown parameter is wrong.
    { ...unknownParameter('app_get'), ...withTable(facts, (t) => unknownParameter('app_get', { name: t.name })) },
    { operationId: 'appDuplications_list', kind: 'read', label: 'read', ...withTable(facts, named) },
    unknownTable('appDuplications_list', { status: 404, example: 'appNotExist' }),
    { operationId: 'appEnvs_get', kind: 'read', label: 'read', ...withTable(facts, named) },
    unknownTable('appEnvs_get', { status: 200, example: 'noTable' }),
    { operationId: 'appBulkLoad_query', kind: 'read', label: 'read', ...withTable(facts, named) },
    unknownTable('appBulkLoad_query', { status: 200, example: 'appNotExist' }),
  ];
}

/** The mutating probes of the MetaServer's own calls, each in its least harmful form. */
function metaMutationProbes(facts: ClusterFacts): ProbeSpec[] {
  return [
    {
      operationId: 'appBulkLoad_start',
      kind: 'mutation',
      label: 'an unknown block service (refused, nothing loaded)',
      ...withTable(facts, (t) => ({
        body: JSON.stringify({
          app_name: t.name,
          cluster_name: 'pegasus_contract',
          file_provider_type: 'pegasus_contract_no_such_provider',
          remote_root_path: '/pegasus_contract',
        }),
        expect: { status: 200, example: 'unknownProvider' },
      })),
    },
    {
      operationId: 'appCompaction_start',
      kind: 'mutation',
      label: 'an invalid type (refused, nothing compacted)',
      ...withTable(facts, (t) => ({
        body: JSON.stringify({
          app_name: t.name,
          type: 'pegasus_contract',
          target_level: -1,
          bottommost_level_compaction: 'skip',
          max_concurrent_running_count: 0,
        }),
        expect: { status: 400, example: 'badType' },
      })),
    },
    {
      operationId: 'appUsageScenario_update',
      kind: 'mutation',
      label: 'set the current scenario again',
      ...withTable(facts, (t) => ({
        body: JSON.stringify({ app_name: t.name, scenario: facts.usageScenario ?? 'normal' }),
        expect: { status: 200, example: 'accepted' },
      })),
    },
  ];
}

/** The probes of the ReplicaServer's own calls. */
function replicaProbes(facts: ClusterFacts): ProbeSpec[] {
  const appId = (name: string) => withTable(facts, (t) => ({ query: { [name]: t.appId } }));
  return [
    { operationId: 'replicaDataVersion_get', kind: 'read', label: 'the table', ...appId('app_id') },
    { operationId: 'replicaDataVersion_get', kind: 'error', label: 'app_id missing', expect: { status: 400, example: 'missingAppId' } },
    { operationId: 'replicaManualCompaction_get', kind: 'read', label: 'the table', ...appId('app_id') },
    {
      operationId: 'replicaManualCompaction_get',
      kind: 'error',
      label: 'app_id missing',
      expect: { status: 400, example: 'missingAppId' },
    },
    { operationId: 'replicaDuplication_get', kind: 'read', label: 'the table', ...appId('appid') },
  ];
}

/** The catalogue's probes of a role (the root listing and the unknown path are planned apart). */
export function catalogueOf(role: Role, facts: ClusterFacts): ProbeSpec[] {
  const own =
    role === 'meta-server' ? [...metaClusterProbes(), ...metaTableProbes(facts), ...metaMutationProbes(facts)] : replicaProbes(facts);
  return [...builtinProbes(facts), ...monitoringProbes(), ...pprofProbes(), ...own];
}

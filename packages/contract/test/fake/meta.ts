// The MetaServer's own calls, as each release answers them from the server's state: a primary's
// full state, or (v2.4.0, v2.5.0) a standby's empty one, where the services a primary starts are
// missing: no balancer (/meta/cluster crashes), no duplication or bulk load service (their 404s),
// no table and no replica server (research §1.5, §1.6, §2.5; master from its source).
import type { Release } from '@pegasus-http/spec';
import { writeWireJson } from '@pegasus-http/spec/wire';
import { type FakeContext, type Handler, unknownParameter } from './context.js';
import { json, text, type Written } from './server.js';
import { address, type ClusterState, findTable, placement, sortNodes, type Table } from './state.js';

const ZOOKEEPER_HOSTS = '127.0.0.1:22181, 127.0.0.1:22182';

function balanceCount(release: Release): string {
  const counts = { copy_pri: 0, copy_sec: 0, move_pri: 0, total: 0 };
  return release === 'master' ? writeWireJson(counts, 'nlohmann_indent2') : 'move_pri=0,copy_pri=0,copy_sec=0,total=0';
}

// A standby of v2.4.0 or v2.5.0 has no balancer: the call dereferences it and the process crashes.
const cluster: Handler = (_request, { release, state, self, drift }) => {
  if (!state.started) return 'crash';
  return json({
    [drift.renamedField ? 'metaServers' : 'meta_servers']: state.metaServers.join(','),
    primary_meta_server: address(self, release),
    // v2.4.0 removes every blank of the configured list.
    zookeeper_hosts: release === 'v2.4.0' ? ZOOKEEPER_HOSTS.replace(/\s/g, '') : ZOOKEEPER_HOSTS,
    zookeeper_root: '/pegasus/fake',
    meta_function_level: 'steady',
    balance_operation_count: balanceCount(release),
    primary_replica_count_stddev: '0.00',
    total_replica_count_stddev: '0.00',
  });
};

const nodes: Handler = ({ query }, { release, state }) => {
  if (unknownParameter(query, 'detail')) return text(400, '');
  const details = Object.fromEntries(
    sortNodes(state.nodes, release).map((node) => {
      const held = state.tables.map((table) => placement(state, node, table));
      const primaries = held.reduce((n, p) => n + p.primaries.length, 0);
      const secondaries = held.reduce((n, p) => n + p.secondaries.length, 0);
      const counts = {
        replica_count: String(primaries + secondaries),
        primary_count: String(primaries),
        secondary_count: String(secondaries),
      };
      return [address(node, release), { address: address(node, release), status: 'ALIVE', ...(query.has('detail') ? counts : {}) }];
    }),
  );
  const count = String(state.nodes.length);
  return json({ details, summary: { total_node_count: count, alive_node_count: count, unalive_node_count: '0' } });
};

function appEntry(table: Table, { release, drift }: FakeContext) {
  return {
    app_id: String(table.app_id),
    status: 'AVAILABLE',
    app_name: table.app_name,
    app_type: 'pegasus',
    partition_count: drift.numberForString ? table.partition_count : String(table.partition_count),
    replica_count: '3',
    is_stateful: 'true',
    // Master pads the milliseconds to three digits, the releases do not.
    create_time: `${table.created}.${release === 'master' ? '000' : '0'}`,
    drop_time: '-',
    drop_expire: '-',
    envs_count: String(Object.keys(table.envs).length),
  };
}

function appsHealth(tables: Table[]) {
  const healthy = tables.map((t) => [
    String(t.app_id),
    {
      app_id: String(t.app_id),
      app_name: t.app_name,
      partition_count: String(t.partition_count),
      fully_healthy: String(t.partition_count),
      unhealthy: '0',
      write_unhealthy: '0',
      read_unhealthy: '0',
    },
  ]);
  const count = String(tables.length);
  const summary = {
    total_app_count: count,
    fully_healthy_app_count: count,
    unhealthy_app_count: '0',
    write_unhealthy_app_count: '0',
    read_unhealthy_app_count: '0',
  };
  return { healthy_info: Object.fromEntries(healthy), summary };
}

// With no table (a standby's state), `detail` adds nothing.
const apps: Handler = ({ query }, server) => {
  if (unknownParameter(query, 'detail')) return text(400, '');
  const { tables } = server.state;
  const general_info = Object.fromEntries(tables.map((t) => [String(t.app_id), appEntry(t, server)]));
  if (!query.has('detail') || tables.length === 0) return json({ general_info, summary: { total_app_count: String(tables.length) } });
  return json({ general_info, ...appsHealth(tables) });
};

function appDetail(table: Table, { release, state }: FakeContext) {
  const at = (i: number) => state.nodes[i % state.nodes.length]!;
  const replicas = Array.from({ length: table.partition_count }, (_, i) => {
    const secondaries = state.nodes.filter((n) => n !== at(i)).map((n) => address(n, release));
    const replica = {
      pidx: String(i),
      ballot: '3',
      replica_count: '3/3',
      primary: address(at(i), release),
      secondaries: `[${secondaries.join(',')}]`,
    };
    return [String(i), replica];
  });
  const rows = sortNodes(state.nodes, release).map((node) => {
    const { primaries, secondaries } = placement(state, node, table);
    const counts = { primary: String(primaries.length), secondary: String(secondaries.length) };
    return [address(node, release), { node: address(node, release), ...counts, total: String(primaries.length + secondaries.length) }];
  });
  const n = table.partition_count;
  const total = { node: 'total', primary: String(n), secondary: String(n * 2), total: String(n * 3) };
  return { replicas: Object.fromEntries(replicas), nodes: { ...Object.fromEntries(rows), total } };
}

// Master rejects an empty name; the releases look `""` up, and a standby finds no table at all.
const app: Handler = ({ query }, server) => {
  if (unknownParameter(query, 'name', 'detail')) return text(400, '');
  const name = query.get('name') ?? '';
  if (name === '' && server.release === 'master') return text(400, "app name shouldn't be empty");
  const table = findTable(server.state, name);
  if (!table) return server.drift.wrongStatus ? text(500, 'ERR_OBJECT_NOT_FOUND') : text(404, `table not found: "${name}"`);
  const general = {
    app_name: table.app_name,
    app_id: String(table.app_id),
    partition_count: String(table.partition_count),
    max_replica_count: '3',
  };
  if (!query.has('detail')) return json({ general });
  const n = String(table.partition_count);
  const healthy = {
    fully_healthy_partition_count: n,
    unhealthy_partition_count: '0',
    write_unhealthy_partition_count: '0',
    read_unhealthy_partition_count: '0',
  };
  return json({ general, ...appDetail(table, server), healthy });
};

/** A duplication entry: master adds the partitions' progress and the remote table; the releases have five keys. */
function duplicationEntry(table: Table, release: Release, index: number) {
  const d = table.duplications[index]!;
  const entry = { create_ts: d.create_ts, dupid: d.dupid, fail_mode: d.fail_mode, remote: d.remote, status: d.status };
  if (release !== 'master') return entry;
  const progress = { confirmed_decree: d.confirmed_decree, last_committed_decree: d.last_committed_decree };
  const partition_states = Object.fromEntries(Array.from({ length: table.partition_count }, (_, i) => [String(i), progress]));
  return { ...entry, partition_states, remote_app_name: d.remote_app_name, remote_replica_count: d.remote_replica_count };
}

export function duplicationDisabled(release: Release): string {
  return `duplication is not enabled [${release === 'v2.4.0' ? '' : 'FLAGS_'}duplication_enabled=false]`;
}

// A standby has no duplication service, whatever the configuration: checked before the name.
const duplication: Handler = ({ query }, { release, state }) => {
  if (!state.started) return text(404, duplicationDisabled(release));
  if (!query.has('name')) return text(400, 'name should not be empty');
  const table = findTable(state, query.get('name')!);
  if (!table) return text(404, 'ERR_APP_NOT_EXIST');
  if (table.duplications.length === 0) return { status: 200, body: 'null' };
  const entries = table.duplications.map((_d, i) => [String(i + 1), duplicationEntry(table, release, i)]);
  return { status: 200, body: writeWireJson({ appid: table.app_id, ...Object.fromEntries(entries) }, 'nlohmann') };
};

const appEnvs: Handler = ({ query }, { state }) => {
  const name = query.get('name') ?? '';
  if (name === '') return text(400, "app name shouldn't be empty");
  return json(findTable(state, name)?.envs ?? {});
};

const BULK_LOAD_DISABLED = text(404, 'bulk load is not enabled');

const queryBulkLoad: Handler = ({ query }, { state }) => {
  if (!state.started) return BULK_LOAD_DISABLED;
  if (!query.has('name')) return text(400, 'name should not be empty');
  const known = findTable(state, query.get('name')!);
  return json({ error: known ? 'ERR_OK' : 'ERR_APP_NOT_EXIST', app_status: 'replication::bulk_load_status::BLS_INVALID' });
};

/** A JSON request body as the server's decoder reads it, or its 400 when it is not a JSON object. */
function jsonBody(body: string): { ok: true; fields: Record<string, unknown> } | { ok: false; reply: Written } {
  try {
    const value = JSON.parse(body) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, fields: value as Record<string, unknown> };
  } catch {
    // not JSON
  }
  return { ok: false, reply: text(400, 'invalid request structure') };
}

const startBulkLoad: Handler = ({ body }, { state }) => {
  if (!state.started) return BULK_LOAD_DISABLED;
  const parsed = jsonBody(body);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.fields;
  for (const field of ['app_name', 'cluster_name', 'file_provider_type', 'remote_root_path'])
    if (!request[field]) return text(400, `${field} should not be empty`);
  if (!findTable(state, String(request.app_name))) return json({ error: 'ERR_APP_NOT_EXIST', hint_msg: 'app not existed is ' });
  return json({ error: 'ERR_INVALID_PARAMETERS', hint_msg: 'invalid file_provider' });
};

/** The outcome of a valid table-environment change: master knows the missing table; the releases call its name invalid. */
function envChange(state: ClusterState, release: Release, name: string): Written {
  if (findTable(state, name)) return json({ error: 'ERR_OK', hint_message: '' });
  if (release === 'master') return json({ error: 'ERR_APP_NOT_EXIST', hint_message: 'app cannot be found' });
  return json({ error: 'ERR_INVALID_PARAMETERS', hint_message: 'invalid app name' });
}

const startCompaction: Handler = ({ body }, { release, state }) => {
  const parsed = jsonBody(body);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.fields;
  if (!request.app_name) return text(400, 'app_name should not be empty');
  if (request.type !== 'once' && request.type !== 'periodic') return text(400, "type should ony be 'once' or 'periodic'");
  return envChange(state, release, String(request.app_name));
};

const usageScenario: Handler = ({ body }, { release, state }) => {
  const parsed = jsonBody(body);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.fields;
  if (!request.app_name) return text(400, 'app_name should not be empty');
  if (request.scenario !== 'normal' && request.scenario !== 'bulk_load') return text(400, "scenario should ony be 'normal' or 'bulk_load'");
  return envChange(state, release, String(request.app_name));
};

const envsList: Handler = () =>
  json({ 'replica.slow_query_threshold': { limitation: '>= 20', sample: '1000', type: 'unsigned int64' } }, 'nlohmann_indent2');

/** The MetaServer's calls in a release: /envs/list came after v2.5.0. */
export function metaHandlers(release: Release): Record<string, Handler> {
  return {
    'meta/cluster': cluster,
    'meta/nodes': nodes,
    'meta/apps': apps,
    'meta/app': app,
    'meta/app/duplication': duplication,
    'meta/app_envs': appEnvs,
    'meta/app/query_bulk_load': queryBulkLoad,
    'meta/app/start_bulk_load': startBulkLoad,
    'meta/app/start_compaction': startCompaction,
    'meta/app/usage_scenario': usageScenario,
    'meta/backup_policy': () => text(404, 'cold_backup_disabled'),
    ...(release === 'master' ? { 'envs/list': envsList } : {}),
  };
}

// The ReplicaServer's own calls. The fake ReplicaServer is the cluster's first node: it holds the
// primaries of partitions 0, 3, 6… of every table. The releases differ only in the duplication
// state, four keys without `remote_app_name` (research §1.7).
import type { Handler } from './context.js';
import { json, text, type Written } from './server.js';
import { type ClusterState, placement, type Table } from './state.js';

/** The table named by an id parameter, or the 400 its absence or form earns. */
function appIdOf(query: Map<string, string>, name: string): number | Written {
  if (!query.has(name)) return text(400, `${name} should not be empty`);
  const raw = query.get(name)!;
  return /^\d+$/.test(raw) ? Number(raw) : text(400, `invalid ${name}=${raw}`);
}

function tableOf(state: ClusterState, id: number): Table | undefined {
  return state.tables.find((t) => t.app_id === id);
}

/** The partitions of a table whose primary this server holds. */
function primariesHere(state: ClusterState, table: Table | undefined): number[] {
  const self = state.nodes[0];
  return table && self ? placement(state, self, table).primaries : [];
}

const dataVersion: Handler = ({ query }, { state }) => {
  const id = appIdOf(query, 'app_id');
  if (typeof id !== 'number') return id;
  const table = tableOf(state, id);
  if (!table) return text(404, `app_id=${query.get('app_id')} not found`);
  const versions = Array.from({ length: table.partition_count }, (_, i) => [String(i), { data_version: '1' }]);
  return json(Object.fromEntries(versions), 'nlohmann');
};

const manualCompaction: Handler = ({ query }, { state }) => {
  const id = appIdOf(query, 'app_id');
  if (typeof id !== 'number') return id;
  const idle = tableOf(state, id)?.partition_count ?? 0;
  return json({ status: { finished: 0, idle, queuing: 0, running: 0 } }, 'nlohmann');
};

const duplication: Handler = ({ query }, { release, state }) => {
  const id = appIdOf(query, 'appid');
  if (typeof id !== 'number') return id;
  const table = tableOf(state, id);
  const primaries = primariesHere(state, table);
  if (!table || primaries.length === 0) return text(404, `no primary for app [appid=${id}]`);
  if (table.duplications.length === 0) return text(404, `no duplication assigned for app [appid=${id}]`);
  const states = table.duplications.map((d) => {
    const progress = {
      duplicating: true,
      fail_mode: d.fail_mode,
      not_confirmed_mutations_num: d.last_committed_decree - d.confirmed_decree,
      not_duplicated_mutations_num: 0,
      ...(release === 'master' ? { remote_app_name: d.remote_app_name } : {}),
    };
    return [String(d.dupid), Object.fromEntries(primaries.map((i) => [`${id}.${i}`, progress]))];
  });
  return json(Object.fromEntries(states), 'nlohmann');
};

export const REPLICA_HANDLERS: Record<string, Handler> = {
  'replica/data_version': dataVersion,
  'replica/manual_compaction': manualCompaction,
  'replica/duplication': duplication,
};

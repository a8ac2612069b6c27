// The little state a fake cluster answers from, the same whatever the release (each release writes
// it its own way, in the handlers), and the formatting every handler shares. Written from the
// source of each release at its tag and the reference notes, never from the contract.
import type { Release } from '@pegasus-http/spec';

export interface Duplication {
  dupid: number;
  create_ts: string;
  remote: string;
  remote_app_name: string;
  remote_replica_count: number;
  status: string;
  fail_mode: string;
  confirmed_decree: number;
  last_committed_decree: number;
}

export interface Table {
  app_id: number;
  app_name: string;
  partition_count: number;
  /** Creation time to the second; each release writes the milliseconds its own way. */
  created: string;
  envs: Record<string, string>;
  duplications: Duplication[];
}

/** A replica server: the IPv4 address v2.4.0 and v2.5.0 print, the host name master prints. */
export interface Node {
  ip: string;
  host: string;
  port: number;
}

export interface ClusterState {
  tables: Table[];
  /** The replica servers the MetaServer knows; partition i of a table has its primary on nodes[i % 3]. */
  nodes: Node[];
  /** `[meta_server] server_list`, resolved to IPv4; filled once the fake MetaServers listen. */
  metaServers: string[];
  /** The services a primary starts once it holds the leader lock (balancer, duplication, bulk load); a standby has none. */
  started: boolean;
}

export interface Flag {
  section: string;
  type: string;
  tags: string;
  description: string;
  value: string;
}

const MUTABLE = 'flag_tag::FT_MUTABLE';

/** The flags of a release: `config_sync_interval_ms` became a flag after v2.4.0, where it is a replication option. */
export function flagsOf(release: Release): Record<string, Flag> {
  const http = { section: 'http', type: 'FV_BOOL', tags: '', description: 'whether to enable the embedded HTTP server', value: 'true' };
  if (release === 'v2.4.0') {
    const hdfs = 'hdfs read batch size, the default value is 64MB';
    return {
      enable_http_server: http,
      hdfs_read_batch_size_bytes: { section: 'replication', type: 'FV_UINT64', tags: MUTABLE, description: hdfs, value: '67108864' },
    };
  }
  const sync = { section: 'replication', type: 'FV_UINT32', tags: MUTABLE, description: 'config-sync interval', value: '30000' };
  return { config_sync_interval_ms: sync, enable_http_server: http };
}

const DUPLICATION: Duplication = {
  dupid: 1715321400,
  create_ts: '2024-05-10 14:10:00',
  remote: 'target_cluster',
  remote_app_name: 'temp',
  remote_replica_count: 3,
  status: 'DS_LOG',
  fail_mode: 'FAIL_SLOW',
  confirmed_decree: 1520,
  last_committed_decree: 1523,
};

/** A primary's state: two tables (one duplicated), three replica servers (or none registered yet). */
export function primaryState(withNodes: boolean): ClusterState {
  const stat = { app_id: 1, app_name: '__stat', partition_count: 4, created: '2024-05-10 14:00:02', envs: {}, duplications: [] };
  const envs = { 'replica.slow_query_threshold': '1000', 'rocksdb.usage_scenario': 'normal' };
  const temp = { app_id: 2, app_name: 'temp', partition_count: 8, created: '2024-05-10 14:03:21', envs, duplications: [DUPLICATION] };
  const nodes = [
    { ip: '10.0.0.10', host: 'replica-10.pegasus', port: 34801 },
    { ip: '10.0.0.9', host: 'replica-9.pegasus', port: 34801 },
    { ip: '10.0.0.11', host: 'replica-11.pegasus', port: 34801 },
  ];
  return { tables: [stat, temp], nodes: withNodes ? nodes : [], metaServers: [], started: true };
}

/** A standby's state (v2.4.0, v2.5.0): nothing loaded, no service started, no replica server registered. */
export function standbyState(): ClusterState {
  return { tables: [], nodes: [], metaServers: [], started: false };
}

export function findTable(state: ClusterState, name: string): Table | undefined {
  return state.tables.find((t) => t.app_name === name);
}

/** A server address as the release prints it: master the host name it resolved, the releases the IPv4 address. */
export function address(node: Node, release: Release): string {
  return `${release === 'master' ? node.host : node.ip}:${node.port}`;
}

function ipv4(ip: string): number {
  return ip.split('.').reduce((n, byte) => n * 256 + Number(byte), 0);
}

/** Rows keyed by node, in the release's order: master by host name then port, the releases by numeric IPv4 then port. */
export function sortNodes(nodes: Node[], release: Release): Node[] {
  const key = (n: Node) => (release === 'master' ? n.host : ipv4(n.ip));
  return [...nodes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.port - b.port));
}

/** How a table's partitions sit on a node: the primaries and secondaries it holds. */
export function placement(state: ClusterState, node: Node, table: Table): { primaries: number[]; secondaries: number[] } {
  const index = state.nodes.indexOf(node);
  const partitions = Array.from({ length: table.partition_count }, (_, i) => i);
  return { primaries: partitions.filter((i) => i % 3 === index), secondaries: partitions.filter((i) => i % 3 !== index) };
}

/** A double as the table printer writes it: two decimals, `0.00` below 1e-6. */
export function double(value: number): string {
  return Math.abs(value) < 1e-6 ? '0.00' : value.toFixed(2);
}

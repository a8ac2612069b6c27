// Decoders: from the server's answers, in which numbers and booleans are strings and tables are
// objects keyed by id, to plain typed records: numbers, booleans, arrays, Dates. A value that does
// not read as what the contract says throws a PegasusDecodeError naming where it is; nothing is
// ever decoded to NaN.
import { PegasusDecodeError } from './errors.js';
import type { components as MetaServerComponents } from './generated/meta-server.js';
import type { components as ReplicaServerComponents } from './generated/replica-server.js';

type MetaServerSchemas = MetaServerComponents['schemas'];
type ReplicaServerSchemas = ReplicaServerComponents['schemas'];

/**
 * How to read the server's timestamps, which carry no time zone: as in the time zone of the
 * machine running this code (`'local'`, the default: right when both share a zone), in UTC, or
 * at a fixed offset from UTC in minutes (480 for UTC+8).
 */
export type ServerTimeZone = 'local' | 'UTC' | number;

export interface DecodeOptions {
  serverTimeZone?: ServerTimeZone;
}

type Path = string;

function fail(path: Path, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : JSON.stringify(value);
  throw new PegasusDecodeError(`${path || 'the answer'}: expected ${expected}, got ${shown}`, path, value);
}

function at(path: Path, key: string | number): Path {
  return path ? `${path}.${key}` : String(key);
}

function object(value: unknown, path: Path): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

function string(value: unknown, path: Path): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

/** A decimal integer written as a string (`"8"`), within the safe range of a JavaScript number. */
function integer(value: unknown, path: Path): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) fail(path, 'an integer string such as "8"', value);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) fail(path, 'an integer JavaScript can hold exactly', value);
  return parsed;
}

/** A JSON number that is an integer. */
function jsonInteger(value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'an integer', value);
  return value;
}

/** A decimal integer string of any size, as a bigint. */
function bigInteger(value: unknown, path: Path): bigint {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) fail(path, 'an integer string', value);
  return BigInt(value);
}

/** A decimal number written as a string (`"0.47"`). */
function decimal(value: unknown, path: Path): number {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) fail(path, 'a decimal string such as "0.47"', value);
  return Number(value);
}

/** `"true"` or `"false"`, in any letter case. */
function boolean(value: unknown, path: Path): boolean {
  if (typeof value === 'string' && /^true$/i.test(value)) return true;
  if (typeof value === 'string' && /^false$/i.test(value)) return false;
  return fail(path, '"true" or "false"', value);
}

function oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) fail(path, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** `YYYY-MM-DD hh:mm:ss[.mmm]` in the server's zone, or `-` (null). */
function time(value: unknown, path: Path, zone: ServerTimeZone, allowDash: boolean): Date | null {
  if (allowDash && value === '-') return null;
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(value) : null;
  if (!match) return fail(path, `a time "YYYY-MM-DD hh:mm:ss"${allowDash ? ' or "-"' : ''}`, value);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = match[7] ? Number(match[7]) : 0;
  // Out-of-range fields would roll over (month 13 into next year): check they read back.
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (wall.getUTCFullYear() !== year || wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day || wall.getUTCHours() !== hour || wall.getUTCMinutes() !== minute || wall.getUTCSeconds() !== second) {
    fail(path, 'a valid date and time', value);
  }
  if (zone === 'local') return new Date(year, month - 1, day, hour, minute, second, ms);
  return new Date(wall.getTime() - (zone === 'UTC' ? 0 : zone) * 60_000);
}

function entries(value: unknown, path: Path): [string, unknown][] {
  return Object.entries(object(value, path));
}

function byNumericKey<T>(items: [string, T][]): [string, T][] {
  return items.sort(([a], [b]) => Number(a) - Number(b));
}

// ---------------------------------------------------------------------------------------------
// Calls every server serves

export interface Version {
  /** The release, e.g. `2.6.0-SNAPSHOT`; null while the server is starting. */
  version: string | null;
  /** The commit of the build; null for a build outside Git, or while the server is starting. */
  gitCommit: string | null;
}

/** `/version`. */
export function decodeVersion(raw: MetaServerSchemas['VersionInfo']): Version {
  const body = object(raw, '');
  const version = string(body.Version, 'Version');
  const commit = string(body.GitCommit, 'GitCommit');
  if (commit !== '' && commit !== 'non-git-repo' && !/^[0-9a-f]{40}$/.test(commit)) fail('GitCommit', 'a 40-digit commit hash or "non-git-repo"', commit);
  return { version: version || null, gitCommit: commit === '' || commit === 'non-git-repo' ? null : commit };
}

/** `/recentStartTime`: when the process started. */
export function decodeStartTime(raw: MetaServerSchemas['StartTime'], options: DecodeOptions = {}): Date {
  return time(object(raw, '').RecentStartTime, 'RecentStartTime', options.serverTimeZone ?? 'local', false)!;
}

export type FlagType = MetaServerSchemas['FlagType'];

/** A configuration flag, its value typed by its flag type. */
export type Flag = {
  name: string;
  section: string;
  description: string;
  /** Whether `/updateConfig` can change it. */
  mutable: boolean;
} & (
  | { type: 'FV_BOOL'; value: boolean }
  | { type: 'FV_INT32' | 'FV_UINT32' | 'FV_DOUBLE'; value: number }
  | { type: 'FV_INT64' | 'FV_UINT64'; value: bigint }
  | { type: 'FV_STRING'; value: string }
);

const FLAG_TYPES = ['FV_BOOL', 'FV_INT32', 'FV_UINT32', 'FV_INT64', 'FV_UINT64', 'FV_DOUBLE', 'FV_STRING'] as const;

function flag(raw: unknown, path: Path): Flag {
  const body = object(raw, path);
  const type = oneOf(body.type, at(path, 'type'), FLAG_TYPES);
  const tags = oneOf(body.tags, at(path, 'tags'), ['', 'flag_tag::FT_MUTABLE'] as const);
  const common = { name: string(body.name, at(path, 'name')), section: string(body.section, at(path, 'section')), description: string(body.description, at(path, 'description')), mutable: tags !== '' };
  const valuePath = at(path, 'value');
  switch (type) {
    case 'FV_BOOL':
      return { ...common, type, value: boolean(body.value, valuePath) };
    case 'FV_INT32':
    case 'FV_UINT32':
      return { ...common, type, value: integer(body.value, valuePath) };
    case 'FV_DOUBLE':
      return { ...common, type, value: decimal(body.value, valuePath) };
    case 'FV_INT64':
    case 'FV_UINT64':
      return { ...common, type, value: bigInteger(body.value, valuePath) };
    default:
      return { ...common, type, value: string(body.value, valuePath) };
  }
}

/** `/config`: the flag, or null when the server answered that no flag has the name. */
export function decodeFlag(raw: MetaServerSchemas['FlagInfo'] | string): Flag | null {
  if (typeof raw === 'string') {
    if (/^ERR_OBJECT_NOT_FOUND: /.test(raw)) return null;
    return fail('', "a flag, or the text \"ERR_OBJECT_NOT_FOUND: '<name>' is not found\"", raw);
  }
  return flag(raw, '');
}

/** `/configs`: every flag, sorted by name. */
export function decodeFlags(raw: MetaServerSchemas['FlagList']): Flag[] {
  return entries(raw, '').map(([name, value]) => flag(value, name));
}

// ---------------------------------------------------------------------------------------------
// MetaServer calls

export interface TableSummary {
  appId: number;
  name: string;
  appType: string;
  partitionCount: number;
  replicaCount: number;
  isStateful: boolean;
  createdAt: Date | null;
  envCount: number;
}

export interface TableHealth {
  appId: number;
  name: string;
  partitionCount: number;
  fullyHealthy: number;
  unhealthy: number;
  writeUnhealthy: number;
  readUnhealthy: number;
}

export interface TableList {
  /** The available tables, by ascending id. */
  tables: TableSummary[];
  /** With `detail` only: each table's partitions by health. */
  health?: TableHealth[];
  total: number;
  /** With `detail` only (and at least one table): how many tables are fully healthy, unhealthy… */
  counts?: { fullyHealthy: number; unhealthy: number; writeUnhealthy: number; readUnhealthy: number };
}

/** `/meta/apps`. */
export function decodeTableList(raw: MetaServerSchemas['AppList'], options: DecodeOptions = {}): TableList {
  const zone = options.serverTimeZone ?? 'local';
  const body = object(raw, '');
  const tables = byNumericKey(entries(body.general_info, 'general_info')).map(([id, value]) => {
    const path = at('general_info', id);
    const row = object(value, path);
    return {
      appId: integer(row.app_id, at(path, 'app_id')),
      name: string(row.app_name, at(path, 'app_name')),
      appType: string(row.app_type, at(path, 'app_type')),
      partitionCount: integer(row.partition_count, at(path, 'partition_count')),
      replicaCount: integer(row.replica_count, at(path, 'replica_count')),
      isStateful: boolean(row.is_stateful, at(path, 'is_stateful')),
      createdAt: time(row.create_time, at(path, 'create_time'), zone, true),
      envCount: integer(row.envs_count, at(path, 'envs_count')),
    };
  });
  const summary = object(body.summary, 'summary');
  const list: TableList = { tables, total: integer(summary.total_app_count, 'summary.total_app_count') };
  if (body.healthy_info !== undefined) {
    list.health = byNumericKey(entries(body.healthy_info, 'healthy_info')).map(([id, value]) => {
      const path = at('healthy_info', id);
      const row = object(value, path);
      const count = (key: string) => integer(row[key], at(path, key));
      return { appId: count('app_id'), name: string(row.app_name, at(path, 'app_name')), partitionCount: count('partition_count'), fullyHealthy: count('fully_healthy'), unhealthy: count('unhealthy'), writeUnhealthy: count('write_unhealthy'), readUnhealthy: count('read_unhealthy') };
    });
  }
  if (summary.fully_healthy_app_count !== undefined) {
    const count = (key: string) => integer(summary[key], at('summary', key));
    list.counts = { fullyHealthy: count('fully_healthy_app_count'), unhealthy: count('unhealthy_app_count'), writeUnhealthy: count('write_unhealthy_app_count'), readUnhealthy: count('read_unhealthy_app_count') };
  }
  return list;
}

export interface Partition {
  index: number;
  ballot: number;
  /** Replicas alive now: the primary (if any) and the secondaries. */
  replicaCount: number;
  /** Replicas wanted. */
  maxReplicaCount: number;
  primary: string | null;
  secondaries: string[];
}

export interface Table {
  name: string;
  appId: number;
  partitionCount: number;
  maxReplicaCount: number;
  /** With `detail` only. */
  partitions?: Partition[];
  /** With `detail` only: each replica server's share of the table. */
  nodes?: { address: string; primary: number; secondary: number; total: number }[];
  totals?: { primary: number; secondary: number; total: number };
  health?: { fullyHealthy: number; unhealthy: number; writeUnhealthy: number; readUnhealthy: number };
}

/** `/meta/app`. */
export function decodeTable(raw: MetaServerSchemas['AppInfo']): Table {
  const body = object(raw, '');
  const general = object(body.general, 'general');
  const table: Table = {
    name: string(general.app_name, 'general.app_name'),
    appId: integer(general.app_id, 'general.app_id'),
    partitionCount: integer(general.partition_count, 'general.partition_count'),
    maxReplicaCount: integer(general.max_replica_count, 'general.max_replica_count'),
  };
  if (body.replicas !== undefined) {
    table.partitions = byNumericKey(entries(body.replicas, 'replicas')).map(([index, value]) => {
      const path = at('replicas', index);
      const row = object(value, path);
      const counts = /^(\d+)\/(\d+)$/.exec(string(row.replica_count, at(path, 'replica_count')));
      if (!counts) fail(at(path, 'replica_count'), '"<alive>/<wanted>" such as "3/3"', row.replica_count);
      const secondaries = string(row.secondaries, at(path, 'secondaries'));
      if (!/^\[.*\]$/.test(secondaries)) fail(at(path, 'secondaries'), 'a bracketed list such as "[a:1,b:2]"', secondaries);
      const primary = string(row.primary, at(path, 'primary'));
      return {
        index: integer(row.pidx, at(path, 'pidx')),
        ballot: integer(row.ballot, at(path, 'ballot')),
        replicaCount: Number(counts[1]),
        maxReplicaCount: Number(counts[2]),
        primary: primary === '-' ? null : primary,
        secondaries: secondaries === '[]' ? [] : secondaries.slice(1, -1).split(','),
      };
    });
  }
  if (body.nodes !== undefined) {
    const rows = entries(body.nodes, 'nodes').map(([address, value]) => {
      const path = at('nodes', address);
      const row = object(value, path);
      return { address, primary: integer(row.primary, at(path, 'primary')), secondary: integer(row.secondary, at(path, 'secondary')), total: integer(row.total, at(path, 'total')) };
    });
    const total = rows.find((row) => row.address === 'total');
    if (!total) fail('nodes.total', 'the totals row', undefined);
    table.nodes = rows.filter((row) => row !== total);
    table.totals = { primary: total.primary, secondary: total.secondary, total: total.total };
  }
  if (body.healthy !== undefined) {
    const healthy = object(body.healthy, 'healthy');
    const count = (key: string) => integer(healthy[key], at('healthy', key));
    table.health = { fullyHealthy: count('fully_healthy_partition_count'), unhealthy: count('unhealthy_partition_count'), writeUnhealthy: count('write_unhealthy_partition_count'), readUnhealthy: count('read_unhealthy_partition_count') };
  }
  return table;
}

export interface ReplicaServerNode {
  address: string;
  alive: boolean;
  /** With `detail` only. */
  replicaCount?: number;
  primaryCount?: number;
  secondaryCount?: number;
}

export interface NodeList {
  nodes: ReplicaServerNode[];
  total: number;
  alive: number;
  unalive: number;
}

/** `/meta/nodes`. */
export function decodeNodeList(raw: MetaServerSchemas['NodeList']): NodeList {
  const body = object(raw, '');
  const nodes = entries(body.details, 'details').map(([address, value]) => {
    const path = at('details', address);
    const row = object(value, path);
    const node: ReplicaServerNode = { address: string(row.address, at(path, 'address')), alive: oneOf(row.status, at(path, 'status'), ['ALIVE', 'UNALIVE'] as const) === 'ALIVE' };
    if (row.replica_count !== undefined) {
      node.replicaCount = integer(row.replica_count, at(path, 'replica_count'));
      node.primaryCount = integer(row.primary_count, at(path, 'primary_count'));
      node.secondaryCount = integer(row.secondary_count, at(path, 'secondary_count'));
    }
    return node;
  });
  const summary = object(body.summary, 'summary');
  return { nodes, total: integer(summary.total_node_count, 'summary.total_node_count'), alive: integer(summary.alive_node_count, 'summary.alive_node_count'), unalive: integer(summary.unalive_node_count, 'summary.unalive_node_count') };
}

export interface Cluster {
  metaServers: string[];
  primaryMetaServer: string;
  zookeeperHosts: string;
  zookeeperRoot: string;
  functionLevel: 'stopped' | 'blind' | 'freezed' | 'steady' | 'lively';
  balanceOperations: { copyPrimary: number; copySecondary: number; movePrimary: number; total: number };
  primaryReplicaCountStddev: number;
  totalReplicaCountStddev: number;
}

/** The balance counts: master's JSON text, or the `move_pri=0,copy_pri=0,…` of v2.4.0 and v2.5.0. */
function balanceCounts(value: unknown, path: Path): Cluster['balanceOperations'] {
  const text = string(value, path);
  let counts: Record<string, unknown>;
  if (text.startsWith('{')) {
    try {
      counts = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail(path, 'JSON text', text);
    }
  } else {
    counts = Object.fromEntries(text.split(',').map((pair) => pair.split('=')).map(([k, v]) => [k, v !== undefined && /^\d+$/.test(v) ? Number(v) : v]));
  }
  return { copyPrimary: jsonInteger(counts.copy_pri, at(path, 'copy_pri')), copySecondary: jsonInteger(counts.copy_sec, at(path, 'copy_sec')), movePrimary: jsonInteger(counts.move_pri, at(path, 'move_pri')), total: jsonInteger(counts.total, at(path, 'total')) };
}

/** `/meta/cluster`. */
export function decodeCluster(raw: MetaServerSchemas['ClusterInfo']): Cluster {
  const body = object(raw, '');
  return {
    metaServers: string(body.meta_servers, 'meta_servers').split(','),
    primaryMetaServer: string(body.primary_meta_server, 'primary_meta_server'),
    zookeeperHosts: string(body.zookeeper_hosts, 'zookeeper_hosts'),
    zookeeperRoot: string(body.zookeeper_root, 'zookeeper_root'),
    functionLevel: oneOf(body.meta_function_level, 'meta_function_level', ['stopped', 'blind', 'freezed', 'steady', 'lively'] as const),
    balanceOperations: balanceCounts(body.balance_operation_count, 'balance_operation_count'),
    primaryReplicaCountStddev: decimal(body.primary_replica_count_stddev, 'primary_replica_count_stddev'),
    totalReplicaCountStddev: decimal(body.total_replica_count_stddev, 'total_replica_count_stddev'),
  };
}

/** `/meta/app_envs`: the table's environment variables, sorted by name. */
export function decodeTableEnvs(raw: MetaServerSchemas['AppEnvs']): { name: string; value: string }[] {
  return entries(raw, '').map(([name, value]) => ({ name, value: string(value, name) }));
}

// ---------------------------------------------------------------------------------------------
// ReplicaServer calls

/** `/replica/data_version`: each partition this server holds, by index. */
export function decodeDataVersions(raw: ReplicaServerSchemas['ReplicaDataVersions']): { partition: number; dataVersion: number }[] {
  return byNumericKey(entries(raw, '')).map(([index, value]) => {
    const row = object(value, index);
    if (!/^\d+$/.test(index)) fail(index, 'a partition index as key', index);
    return { partition: Number(index), dataVersion: integer(row.data_version, at(index, 'data_version')) };
  });
}

export interface ReplicaDuplication {
  dupid: number;
  partitions: {
    appId: number;
    partition: number;
    duplicating: boolean;
    failMode: 'FAIL_SLOW' | 'FAIL_SKIP' | 'FAIL_FAST';
    notConfirmedMutations: number;
    notDuplicatedMutations: number;
    /** Master only. */
    remoteAppName?: string;
  }[];
}

/** `/replica/duplication`: each duplication, with the primary partitions this server holds. */
export function decodeReplicaDuplications(raw: ReplicaServerSchemas['ReplicaDuplications']): ReplicaDuplication[] {
  return byNumericKey(entries(raw, '')).map(([dupid, value]) => {
    if (!/^\d+$/.test(dupid)) fail(dupid, 'a duplication id as key', dupid);
    const partitions = entries(value, dupid)
      .map(([gpid, state]) => {
        const path = at(dupid, gpid);
        const match = /^(\d+)\.(\d+)$/.exec(gpid);
        if (!match) fail(path, 'a partition key "<app_id>.<index>"', gpid);
        const row = object(state, path);
        if (typeof row.duplicating !== 'boolean') fail(at(path, 'duplicating'), 'a boolean', row.duplicating);
        return {
          appId: Number(match[1]),
          partition: Number(match[2]),
          duplicating: row.duplicating,
          failMode: oneOf(row.fail_mode, at(path, 'fail_mode'), ['FAIL_SLOW', 'FAIL_SKIP', 'FAIL_FAST'] as const),
          notConfirmedMutations: jsonInteger(row.not_confirmed_mutations_num, at(path, 'not_confirmed_mutations_num')),
          notDuplicatedMutations: jsonInteger(row.not_duplicated_mutations_num, at(path, 'not_duplicated_mutations_num')),
          ...(row.remote_app_name !== undefined ? { remoteAppName: string(row.remote_app_name, at(path, 'remote_app_name')) } : {}),
        };
      })
      .sort((a, b) => a.partition - b.partition);
    return { dupid: Number(dupid), partitions };
  });
}

/** `/replica/manual_compaction`: this server's replicas of the table by compaction state. */
export function decodeManualCompaction(raw: ReplicaServerSchemas['ReplicaCompactionStatus']): { idle: number; queuing: number; running: number; finished: number } {
  const status = object(object(raw, '').status, 'status');
  const count = (key: string) => jsonInteger(status[key], at('status', key));
  return { idle: count('idle'), queuing: count('queuing'), running: count('running'), finished: count('finished') };
}

// Decoders: from the server's answers, in which numbers and booleans are strings and tables are
// objects keyed by id, to plain typed records: numbers, booleans, arrays, Dates. What each value is
// and how it is checked comes from the description's schemas, through one converter
// (src/convert.ts); a decoder only gives the answer its shape: keys in camelCase, rows keyed by id
// as sorted arrays, a few keys renamed, and the values the table printer packs into one string
// ("3/3", "[a:1,b:2]", "-") taken apart.
import { at, type ConvertContext, convert, fail, type Schema, type ServerTimeZone } from './convert.js';
import type { components as MetaServerComponents } from './generated/meta-server.js';
import type { components as ReplicaServerComponents } from './generated/replica-server.js';
import { type SchemaName, schemas } from './generated/schemas.js';

export type { ServerTimeZone } from './convert.js';

type MetaServerSchemas = MetaServerComponents['schemas'];
type ReplicaServerSchemas = ReplicaServerComponents['schemas'];

export interface DecodeOptions {
  serverTimeZone?: ServerTimeZone;
}

type Row = Record<string, unknown>;

// The schemas describe master. What v2.5.0 writes differently and the decoders still read: a
// duplication's state without `remote_app_name`, and the balance counts as `move_pri=0,copy_pri=0,…`
// rather than JSON text (read by `balanceCounts` below).
const DECODER_SCHEMAS: Record<string, Schema> = {
  ...schemas,
  ReplicaDuplicationState: {
    ...schemas.ReplicaDuplicationState,
    required: schemas.ReplicaDuplicationState.required?.filter((key) => key !== 'remote_app_name'),
  },
  ClusterInfo: { ...schemas.ClusterInfo, properties: { ...schemas.ClusterInfo.properties, balance_operation_count: { type: 'string' } } },
};

/** An answer converted as its named schema describes it. */
function read(name: SchemaName, raw: unknown, options: DecodeOptions = {}): Row {
  const context: ConvertContext = { schemas: DECODER_SCHEMAS, zone: options.serverTimeZone ?? 'local' };
  return convert({ $ref: name }, raw, '', context) as Row;
}

/** `app_id` → `appId`, `Version` → `version`. */
function camelCase(key: string): string {
  return key.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

interface Shape {
  /** Keys given another name than their camelCase. */
  rename?: Record<string, string>;
  /** A suffix every key carries and the record drops (`_app_count`). */
  suffix?: string;
  /** Keys left out. */
  omit?: readonly string[];
}

/** A converted row as a record: every key in camelCase unless renamed, so that a new field needs no line here. */
function record<T = Row>(row: unknown, { rename = {}, suffix, omit = [] }: Shape = {}): T {
  const result: Row = {};
  for (const [key, value] of Object.entries(row as Row)) {
    if (omit.includes(key)) continue;
    result[rename[key] ?? camelCase(suffix && key.endsWith(suffix) ? key.slice(0, -suffix.length) : key)] = value;
  }
  return result as T;
}

/** The entries of an object keyed by number (table ids, partition indexes), by ascending key. */
function byNumericKey(map: unknown): [string, Row][] {
  return Object.entries(map as Record<string, Row>).sort(([a], [b]) => Number(a) - Number(b));
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
  const body = record(read('VersionInfo', raw));
  return {
    ...body,
    version: body.version || null,
    gitCommit: body.gitCommit === '' || body.gitCommit === 'non-git-repo' ? null : body.gitCommit,
  } as Version;
}

/** `/recentStartTime`: when the process started. */
export function decodeStartTime(raw: MetaServerSchemas['StartTime'], options: DecodeOptions = {}): Date {
  return read('StartTime', raw, options).RecentStartTime as Date;
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

// How each flag type's value is written: the flag's own schema says only "a string".
const FLAG_VALUES: Record<Exclude<FlagType, 'FV_INT64' | 'FV_UINT64'>, Schema> = {
  FV_BOOL: { $ref: 'BooleanString' },
  FV_INT32: { type: 'string', format: 'int32' },
  FV_UINT32: { type: 'string', format: 'uint32' },
  FV_DOUBLE: { type: 'string', format: 'double' },
  FV_STRING: { type: 'string' },
};

function flagValue(type: FlagType, value: unknown, path: string): unknown {
  // 64-bit values may exceed 2^53: bigints.
  if (type === 'FV_INT64' || type === 'FV_UINT64') {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return fail(path, 'an integer string', value);
    return BigInt(value);
  }
  return convert(FLAG_VALUES[type], value, path, { schemas: DECODER_SCHEMAS, zone: 'UTC' });
}

function flag(info: unknown, path: string): Flag {
  const { tags, value, ...rest } = record(info);
  return { ...rest, mutable: tags !== '', value: flagValue(rest.type as FlagType, value, at(path, 'value')) } as Flag;
}

/** `/config`: the flag, or null when the server answered that no flag has the name. */
export function decodeFlag(raw: MetaServerSchemas['FlagInfo'] | string): Flag | null {
  if (typeof raw === 'string') {
    // v2.5.0 leaves out the quotes around the name: only the prefix is read.
    if (/^ERR_OBJECT_NOT_FOUND: /.test(raw)) return null;
    return fail('', 'a flag, or the text "ERR_OBJECT_NOT_FOUND: \'<name>\' is not found"', raw);
  }
  return flag(read('FlagInfo', raw), '');
}

/** `/configs`: every flag, sorted by name. */
export function decodeFlags(raw: MetaServerSchemas['FlagList']): Flag[] {
  return Object.entries(read('FlagList', raw)).map(([name, info]) => flag(info, name));
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
  const body = read('AppList', raw, options);
  // The listing holds the available tables only: their status is always AVAILABLE, their drop times "-".
  const tables = byNumericKey(body.general_info).map(([, row]) =>
    record<TableSummary>(row, {
      rename: { app_name: 'name', create_time: 'createdAt', envs_count: 'envCount' },
      omit: ['status', 'drop_time', 'drop_expire'],
    }),
  );
  const { total, ...counts } = record<{ total: number } & TableList['counts']>(body.summary, { suffix: '_app_count' });
  const list: TableList = { tables, total };
  if (body.healthy_info !== undefined)
    list.health = byNumericKey(body.healthy_info).map(([, row]) => record<TableHealth>(row, { rename: { app_name: 'name' } }));
  if (Object.keys(counts).length > 0) list.counts = counts;
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

/** A partition's row: `replica_count` "alive/wanted", `primary` "-" when there is none, `secondaries` "[a:1,b:2]". */
function partition(row: Row): Partition {
  const { replicaCount, primary, secondaries, ...rest } = record(row, { rename: { pidx: 'index' } });
  const [alive, wanted] = String(replicaCount).split('/').map(Number);
  const list = String(secondaries).slice(1, -1);
  return {
    ...rest,
    replicaCount: alive,
    maxReplicaCount: wanted,
    primary: primary === '-' ? null : primary,
    secondaries: list === '' ? [] : list.split(','),
  } as Partition;
}

/** `/meta/app`. */
export function decodeTable(raw: MetaServerSchemas['AppInfo']): Table {
  const body = read('AppInfo', raw);
  const table = record<Table>(body.general, { rename: { app_name: 'name' } });
  if (body.replicas !== undefined) table.partitions = byNumericKey(body.replicas).map(([, row]) => partition(row));
  if (body.nodes !== undefined) {
    // Keyed by address, plus the totals row under `total`; `node` repeats the key.
    const { total, ...nodes } = body.nodes as Record<string, Row>;
    table.nodes = Object.entries(nodes).map(([address, row]) => ({
      address,
      ...record<NonNullable<Table['totals']>>(row, { omit: ['node'] }),
    }));
    table.totals = record(total, { omit: ['node'] });
  }
  if (body.healthy !== undefined) table.health = record(body.healthy, { suffix: '_partition_count' });
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
  const body = read('NodeList', raw);
  const nodes = Object.values(body.details as Record<string, Row>).map((row) => {
    const { status, ...node } = record<Omit<ReplicaServerNode, 'alive'> & { status: string }>(row);
    return { ...node, alive: status === 'ALIVE' };
  });
  return { nodes, ...record<Omit<NodeList, 'nodes'>>(body.summary, { suffix: '_node_count' }) };
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

// The balance counts inside their string: integers, by the load balancer's names.
const BALANCE_COUNTS: Schema = {
  type: 'object',
  required: ['copy_pri', 'copy_sec', 'move_pri', 'total'],
  properties: { copy_pri: { type: 'integer' }, copy_sec: { type: 'integer' }, move_pri: { type: 'integer' }, total: { type: 'integer' } },
};

/** The balance counts: master's JSON text, or the `move_pri=0,copy_pri=0,…` of v2.4.0 and v2.5.0. */
function balanceCounts(text: string, path: string): Cluster['balanceOperations'] {
  let counts: unknown;
  if (text.startsWith('{')) {
    try {
      counts = JSON.parse(text);
    } catch {
      return fail(path, 'JSON text', text);
    }
  } else {
    counts = Object.fromEntries(
      text
        .split(',')
        .map((pair) => pair.split('='))
        .map(([k, v]) => [k, v !== undefined && /^\d+$/.test(v) ? Number(v) : v]),
    );
  }
  const converted = convert(BALANCE_COUNTS, counts, path, { schemas: DECODER_SCHEMAS, zone: 'UTC' });
  return record(converted, { rename: { copy_pri: 'copyPrimary', copy_sec: 'copySecondary', move_pri: 'movePrimary' } });
}

/** `/meta/cluster`. */
export function decodeCluster(raw: MetaServerSchemas['ClusterInfo']): Cluster {
  const body = record(read('ClusterInfo', raw), {
    rename: { meta_function_level: 'functionLevel', balance_operation_count: 'balanceOperations' },
  });
  return {
    ...body,
    metaServers: String(body.metaServers).split(','),
    balanceOperations: balanceCounts(body.balanceOperations as string, 'balance_operation_count'),
  } as Cluster;
}

/** `/meta/app_envs`: the table's environment variables, sorted by name. */
export function decodeTableEnvs(raw: MetaServerSchemas['AppEnvs']): { name: string; value: string }[] {
  return Object.entries(read('AppEnvs', raw)).map(([name, value]) => ({ name, value: value as string }));
}

// ---------------------------------------------------------------------------------------------
// ReplicaServer calls

/** `/replica/data_version`: each partition this server holds, by index. */
export function decodeDataVersions(raw: ReplicaServerSchemas['ReplicaDataVersions']): { partition: number; dataVersion: number }[] {
  return byNumericKey(read('ReplicaDataVersions', raw)).map(([index, row]) => ({
    partition: Number(index),
    ...record<{ dataVersion: number }>(row),
  }));
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
  return byNumericKey(read('ReplicaDuplications', raw)).map(([dupid, states]) => {
    // Keyed by partition, "<app_id>.<index>".
    const partitions = Object.entries(states).map(([gpid, state]) => {
      const [appId, index] = gpid.split('.').map(Number) as [number, number];
      return {
        appId,
        partition: index,
        ...record<Omit<ReplicaDuplication['partitions'][number], 'appId' | 'partition'>>(state, { suffix: '_num' }),
      };
    });
    return { dupid: Number(dupid), partitions: partitions.sort((a, b) => a.partition - b.partition) };
  });
}

/** `/replica/manual_compaction`: this server's replicas of the table by compaction state. */
export function decodeManualCompaction(raw: ReplicaServerSchemas['ReplicaCompactionStatus']): {
  idle: number;
  queuing: number;
  running: number;
  finished: number;
} {
  return record(read('ReplicaCompactionStatus', raw).status);
}

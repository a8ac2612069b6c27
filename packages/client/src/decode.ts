// Decoders: from the server's answers, in which numbers and booleans are strings and tables are
// objects keyed by id, to plain typed records: numbers, booleans, arrays, Dates. What each value is
// and how it is checked comes from the description's schemas, through one converter
// (src/convert.ts); a decoder only gives the answer its shape: keys in camelCase, rows keyed by id
// as sorted arrays, a few keys renamed, and the values the table printer packs into one string
// ("3/3", "[a:1,b:2]", "-") taken apart. Each release's answers are read by that release's schemas
// (`release`, master by default), so what a release writes differently needs no line here.
import { at, type ConvertContext, convert, fail, type Schema, type ServerTimeZone } from './convert.js';
import { type DecodedOperation, type DecoderSchemas, decoderSchemas } from './generated/schemas.js';
import type { AnswerOf, MetaServerSchemasOf, Release } from './releases.js';

export type { ServerTimeZone } from './convert.js';

export interface DecodeOptions {
  serverTimeZone?: ServerTimeZone;
  /** The release that wrote the answer, whose schemas read it: master by default. The views pass their client's. */
  release?: Release;
}

type Row = Record<string, unknown>;

/** The decoders' schemas of a release; a release the client was not generated for is an error. */
function schemasOf(release: Release): DecoderSchemas {
  const schemas = Object.hasOwn(decoderSchemas, release) ? decoderSchemas[release] : undefined;
  if (!schemas)
    throw new TypeError(`unknown Pegasus release ${JSON.stringify(release)}: the releases are ${Object.keys(decoderSchemas).join(', ')}`);
  return schemas;
}

/** What the converter reads an answer with: the release's named schemas, the servers' time zone. */
function contextOf(options: DecodeOptions): ConvertContext {
  return { schemas: schemasOf(options.release ?? 'master').schemas, zone: options.serverTimeZone ?? 'local' };
}

/** An operation's answer converted as the release's schema of its JSON (or text) body describes it. */
function read(operationId: DecodedOperation, raw: unknown, options: DecodeOptions = {}, kind: 'json' | 'text' = 'json'): Row {
  const schema = schemasOf(options.release ?? 'master').answers[operationId][kind];
  if (!schema) return fail('', kind === 'json' ? 'a JSON answer' : 'a text answer', raw);
  return convert(schema, raw, '', contextOf(options)) as Row;
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
export function decodeVersion(raw: AnswerOf<'meta-server', 'version_get'>, options: DecodeOptions = {}): Version {
  const body = record(read('version_get', raw, options));
  return {
    ...body,
    version: body.version || null,
    gitCommit: body.gitCommit === '' || body.gitCommit === 'non-git-repo' ? null : body.gitCommit,
  } as Version;
}

/** `/recentStartTime`: when the process started. */
export function decodeStartTime(raw: AnswerOf<'meta-server', 'recentStartTime_get'>, options: DecodeOptions = {}): Date {
  return read('recentStartTime_get', raw, options).RecentStartTime as Date;
}

export type FlagType = MetaServerSchemasOf['FlagType'];

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

function flagValue(type: FlagType, value: unknown, path: string, context: ConvertContext): unknown {
  // 64-bit values may exceed 2^53: bigints.
  if (type === 'FV_INT64' || type === 'FV_UINT64') {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return fail(path, 'an integer string', value);
    return BigInt(value);
  }
  return convert(FLAG_VALUES[type], value, path, context);
}

function flag(info: unknown, path: string, context: ConvertContext): Flag {
  const { tags, value, ...rest } = record(info);
  return { ...rest, mutable: tags !== '', value: flagValue(rest.type as FlagType, value, at(path, 'value'), context) } as Flag;
}

/** `/config`: the flag, or null when the server answered, in the text its release writes, that no flag has the name. */
export function decodeFlag(raw: AnswerOf<'meta-server', 'config_get'>, options: DecodeOptions = {}): Flag | null {
  if (typeof raw === 'string') {
    read('config_get', raw, options, 'text');
    return null;
  }
  return flag(read('config_get', raw, options), '', contextOf(options));
}

/** `/configs`: every flag, sorted by name. */
export function decodeFlags(raw: AnswerOf<'meta-server', 'configs_list'>, options: DecodeOptions = {}): Flag[] {
  const context = contextOf(options);
  return Object.entries(read('configs_list', raw, options)).map(([name, info]) => flag(info, name, context));
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
export function decodeTableList(raw: AnswerOf<'meta-server', 'apps_list'>, options: DecodeOptions = {}): TableList {
  const body = read('apps_list', raw, options);
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
export function decodeTable(raw: AnswerOf<'meta-server', 'app_get'>, options: DecodeOptions = {}): Table {
  const body = read('app_get', raw, options);
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
export function decodeNodeList(raw: AnswerOf<'meta-server', 'nodes_list'>, options: DecodeOptions = {}): NodeList {
  const body = read('nodes_list', raw, options);
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

/** The balance counts, checked by the release's schema already: JSON text (master), or `move_pri=0,copy_pri=0,…` pairs (v2.5.0). */
function balanceCounts(text: string, path: string, context: ConvertContext): Cluster['balanceOperations'] {
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
  const converted = convert(BALANCE_COUNTS, counts, path, context);
  return record(converted, { rename: { copy_pri: 'copyPrimary', copy_sec: 'copySecondary', move_pri: 'movePrimary' } });
}

/** `/meta/cluster`. */
export function decodeCluster(raw: AnswerOf<'meta-server', 'cluster_get'>, options: DecodeOptions = {}): Cluster {
  const body = record(read('cluster_get', raw, options), {
    rename: { meta_function_level: 'functionLevel', balance_operation_count: 'balanceOperations' },
  });
  return {
    ...body,
    metaServers: String(body.metaServers).split(','),
    balanceOperations: balanceCounts(body.balanceOperations as string, 'balance_operation_count', contextOf(options)),
  } as Cluster;
}

/** `/meta/app_envs`: the table's environment variables, sorted by name. */
export function decodeTableEnvs(
  raw: AnswerOf<'meta-server', 'appEnvs_get'>,
  options: DecodeOptions = {},
): { name: string; value: string }[] {
  return Object.entries(read('appEnvs_get', raw, options)).map(([name, value]) => ({ name, value: value as string }));
}

// ---------------------------------------------------------------------------------------------
// ReplicaServer calls

/** `/replica/data_version`: each partition this server holds, by index. */
export function decodeDataVersions(
  raw: AnswerOf<'replica-server', 'replicaDataVersion_get'>,
  options: DecodeOptions = {},
): { partition: number; dataVersion: number }[] {
  return byNumericKey(read('replicaDataVersion_get', raw, options)).map(([index, row]) => ({
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
export function decodeReplicaDuplications(
  raw: AnswerOf<'replica-server', 'replicaDuplication_get'>,
  options: DecodeOptions = {},
): ReplicaDuplication[] {
  return byNumericKey(read('replicaDuplication_get', raw, options)).map(([dupid, states]) => {
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
export function decodeManualCompaction(
  raw: AnswerOf<'replica-server', 'replicaManualCompaction_get'>,
  options: DecodeOptions = {},
): {
  idle: number;
  queuing: number;
  running: number;
  finished: number;
} {
  return record(read('replicaManualCompaction_get', raw, options).status);
}

// Typed fetch clients of the Pegasus HTTP admin API, one per server role and release, on openapi-fetch.
import type {
  MetaServerComponentsOf,
  MetaServerOperationsOf,
  MetaServerPathsOf,
  MetaServerSchemasOf,
  ReplicaServerComponentsOf,
  ReplicaServerOperationsOf,
  ReplicaServerPathsOf,
  ReplicaServerSchemasOf,
} from './releases.js';

/** Master's types of each role; `…Of<'v2.5.0'>` (e.g. `MetaServerPathsOf<'v2.5.0'>`) gives a release's. */
export type MetaServerPaths = MetaServerPathsOf;
export type MetaServerComponents = MetaServerComponentsOf;
export type MetaServerOperations = MetaServerOperationsOf;
/** The named schemas of each role, e.g. `MetaServerSchemas['VersionInfo']`; a release's: `MetaServerSchemasOf<'v2.5.0'>`. */
export type MetaServerSchemas = MetaServerSchemasOf;
export type ReplicaServerPaths = ReplicaServerPathsOf;
export type ReplicaServerComponents = ReplicaServerComponentsOf;
export type ReplicaServerOperations = ReplicaServerOperationsOf;
export type ReplicaServerSchemas = ReplicaServerSchemasOf;

export {
  createMetaServerClient,
  createReplicaServerClient,
  DEFAULT_TIMEOUT_MS,
  type MetaServerClient,
  type PegasusClientExtras,
  type PegasusClientOptions,
  type ReplicaServerClient,
} from './client.js';
export {
  type Cluster,
  type DecodeOptions,
  decodeCluster,
  decodeDataVersions,
  decodeFlag,
  decodeFlags,
  decodeManualCompaction,
  decodeNodeList,
  decodeReplicaDuplications,
  decodeStartTime,
  decodeTable,
  decodeTableEnvs,
  decodeTableList,
  decodeVersion,
  type Flag,
  type FlagType,
  type NodeList,
  type Partition,
  type ReplicaDuplication,
  type ReplicaServerNode,
  type ServerTimeZone,
  type Table,
  type TableHealth,
  type TableList,
  type TableSummary,
  type Version,
} from './decode.js';
export {
  PegasusDecodeError,
  PegasusError,
  PegasusHttpError,
  PegasusNetworkError,
  PegasusRedirectError,
  PegasusTimeoutError,
} from './errors.js';
export {
  getMetrics,
  type KnownMetricName,
  type MetricEntityTypeName,
  type MetricFieldName,
  type MetricName,
  type MetricsError,
  MetricsFilterError,
  type MetricsFilters,
  type MetricsResult,
  type MetricsSnapshot,
  metricsQuery,
  parseMetricsSnapshot,
} from './metrics.js';
export type {
  AnswerOf,
  ComponentsOf,
  MetaServerComponentsOf,
  MetaServerOperationsOf,
  MetaServerPathsOf,
  MetaServerSchemasOf,
  OperationsOf,
  PathsOf,
  Release,
  ReleasesServing,
  ReplicaServerComponentsOf,
  ReplicaServerOperationsOf,
  ReplicaServerPathsOf,
  ReplicaServerSchemasOf,
  Role,
} from './releases.js';
export { type MetaServerViews, metaServerViews, type ReplicaServerViews, replicaServerViews, type ViewOptions } from './views.js';

// Typed fetch clients of the Pegasus HTTP admin API, one per server role, on openapi-fetch.
import type {
  components as MetaServerComponents,
  operations as MetaServerOperations,
  paths as MetaServerPaths,
} from './generated/meta-server.js';
import type {
  components as ReplicaServerComponents,
  operations as ReplicaServerOperations,
  paths as ReplicaServerPaths,
} from './generated/replica-server.js';

export type {
  MetaServerComponents,
  MetaServerOperations,
  MetaServerPaths,
  ReplicaServerComponents,
  ReplicaServerOperations,
  ReplicaServerPaths,
};
/** The named schemas of each role, e.g. `MetaServerSchemas['VersionInfo']`. */
export type MetaServerSchemas = MetaServerComponents['schemas'];
export type ReplicaServerSchemas = ReplicaServerComponents['schemas'];

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
export { type MetaServerViews, metaServerViews, type ReplicaServerViews, replicaServerViews } from './views.js';

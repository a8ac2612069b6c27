// Typed fetch clients of the Pegasus HTTP admin API, one per server role, on openapi-fetch.
import type { paths as MetaServerPaths, components as MetaServerComponents, operations as MetaServerOperations } from './generated/meta-server.js';
import type { paths as ReplicaServerPaths, components as ReplicaServerComponents, operations as ReplicaServerOperations } from './generated/replica-server.js';

export type { MetaServerPaths, MetaServerComponents, MetaServerOperations, ReplicaServerPaths, ReplicaServerComponents, ReplicaServerOperations };
/** The named schemas of each role, e.g. `MetaServerSchemas['VersionInfo']`. */
export type MetaServerSchemas = MetaServerComponents['schemas'];
export type ReplicaServerSchemas = ReplicaServerComponents['schemas'];
export {
  getMetrics,
  metricsQuery,
  parseMetricsSnapshot,
  MetricsFilterError,
  type KnownMetricName,
  type MetricName,
  type MetricEntityTypeName,
  type MetricFieldName,
  type MetricsError,
  type MetricsFilters,
  type MetricsResult,
  type MetricsSnapshot,
} from './metrics.js';

export {
  createMetaServerClient,
  createReplicaServerClient,
  DEFAULT_TIMEOUT_MS,
  type MetaServerClient,
  type ReplicaServerClient,
  type PegasusClientOptions,
  type PegasusClientExtras,
} from './client.js';
export { PegasusError, PegasusNetworkError, PegasusTimeoutError, PegasusRedirectError, PegasusDecodeError, PegasusHttpError } from './errors.js';
export {
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
  type Cluster,
  type DecodeOptions,
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
export { metaServerViews, replicaServerViews, type MetaServerViews, type ReplicaServerViews } from './views.js';

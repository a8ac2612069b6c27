// Typed fetch clients of the Pegasus HTTP admin API, one per server role, on openapi-fetch.
import createClient, { type Client } from 'openapi-fetch';
import { operationInfo, type OperationInfo } from './generated/operations.js';
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

/** The MetaServer's calls: `client.GET('/meta/apps')` and so on. Calls only a ReplicaServer serves do not type-check. */
export type MetaServerClient = Client<MetaServerPaths>;
/** The ReplicaServer's calls. Calls only a MetaServer serves do not type-check. */
export type ReplicaServerClient = Client<ReplicaServerPaths>;

export interface PegasusClientOptions {
  /** The server's address, e.g. `http://127.0.0.1:34601`. */
  baseUrl: string;
  /** A fetch implementation to use instead of the global one. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

type Role = keyof typeof operationInfo;
type Method = 'GET' | 'POST';
type CallInit = { parseAs?: string; bodySerializer?: unknown; headers?: Record<string, string>; [key: string]: unknown };
type CallResult = { data?: unknown; error?: unknown; response: Response };

// Pegasus splits list parameters on commas itself and rejects a repeated parameter, so arrays are
// sent comma-joined (`types=a,b`); a free-form object (the flag of /updateConfig) is sent as its
// own `key=value` pairs.
const QUERY_SERIALIZER = { array: { style: 'form', explode: false }, object: { style: 'form', explode: true } } as const;

/** A body described as either JSON or text (`/config` answers an unknown flag with text) is JSON when it parses. */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function binaryString(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

function readDefaults(info: OperationInfo | undefined, init: CallInit): CallInit {
  if (!info) return init;
  const defaults: CallInit = {};
  if (init.parseAs === undefined && info.response !== 'json') defaults.parseAs = info.response === 'binary' ? 'arrayBuffer' : 'text';
  if (info.request === 'text' && init.bodySerializer === undefined) {
    defaults.bodySerializer = (body: unknown) => String(body);
    defaults.headers = { 'Content-Type': 'text/plain', ...init.headers };
  }
  return { ...init, ...defaults };
}

function createRoleClient<Paths extends {}>(role: Role, options: PegasusClientOptions): Client<Paths> {
  const { baseUrl, fetch, headers } = options;
  const inner = createClient<Paths>({ baseUrl, ...(fetch ? { fetch } : {}), ...(headers ? { headers } : {}), querySerializer: QUERY_SERIALIZER });
  const call = (method: Method) => async (path: string, init: CallInit = {}) => {
    const info = operationInfo[role][`${method} ${path}`];
    const send = inner[method] as (path: string, init: CallInit) => Promise<CallResult>;
    const result = await send(path, readDefaults(info, init));
    if (info && init.parseAs === undefined && result.response.ok) {
      // An empty body (Content-Length: 0) leaves `data` undefined in openapi-fetch; a text call
      // answered with nothing has answered the empty text.
      if (result.data === undefined && info.response !== 'json') result.data = '';
      else if (info.response === 'json-or-text' && typeof result.data === 'string') result.data = jsonOrText(result.data);
      // A binary body (the CPU profile) becomes a binary string, one character per byte, so that
      // no byte is lost to text decoding: Buffer.from(data, 'latin1') gives the bytes back.
      else if (info.response === 'binary' && result.data instanceof ArrayBuffer) result.data = binaryString(result.data);
    }
    return result;
  };
  return { ...inner, GET: call('GET'), POST: call('POST') } as unknown as Client<Paths>;
}

/** A client of one MetaServer (default port 34601). */
export function createMetaServerClient(options: PegasusClientOptions): MetaServerClient {
  return createRoleClient<MetaServerPaths>('meta-server', options);
}

/** A client of one ReplicaServer (default port 34801). */
export function createReplicaServerClient(options: PegasusClientOptions): ReplicaServerClient {
  return createRoleClient<ReplicaServerPaths>('replica-server', options);
}

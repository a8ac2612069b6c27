// The role clients: openapi-fetch typed by each role's paths. openapi-fetch shapes every request
// and reads every answer; what Pegasus needs on top is the `fetch` it is handed (the transport:
// failover, 307s) and a thin layer around each call: bodies read as the description says, a
// default time limit, typed errors, and one more try for the reads that may be sent twice.
import createClient, { type Client } from 'openapi-fetch';
import { PegasusError, PegasusNetworkError, PegasusTimeoutError } from './errors.js';
import { type OperationInfo, operationInfo } from './generated/operations.js';
import type { MetaServerPathsOf, Release, ReplicaServerPathsOf, Role } from './releases.js';
import { createTransport, errorCode, type RequestFetch, type Transport } from './transport.js';

export interface PegasusClientOptions<R extends Release = Release> {
  /**
   * The server's address, e.g. `http://127.0.0.1:34601`; for a MetaServer client, the list of
   * MetaServers: a standby's 307 is followed to the primary, which is then asked first, and a
   * server that cannot be reached is skipped for the next.
   */
  baseUrl: string | readonly string[];
  /** A fetch implementation to use instead of the global one. */
  fetch?: RequestFetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Time limit of a call in milliseconds, default 10000; `0` for none. A call's own `signal`
   * (e.g. `AbortSignal.timeout(70_000)` for a one-minute `/pprof/profile`) replaces it.
   */
  timeoutMs?: number;
  /**
   * How many more times a read is sent after a network failure or a timeout, default 1. Calls
   * that change state, profilers and POSTs are never sent twice.
   */
  retries?: number;
  /** How many 307s a call follows, default 5; a loop is an error at once. */
  maxRedirects?: number;
  /**
   * The Pegasus release the servers run, one of `Release`: `'master'` (the default: 2.6.0-SNAPSHOT
   * and newer) or a release such as `'v2.5.0'`. The client is typed by that release's description
   * (a call it does not serve does not compile), and reads bodies and retries reads as it says.
   */
  release?: R;
}

/** What the role clients add to openapi-fetch's client. */
export interface PegasusClientExtras<R extends Release = 'master'> {
  /** The server the next call goes to first: the last that answered, or the primary a standby named. */
  readonly server: () => string;
  /** The release the client is typed for; the views decode its answers by that release's schemas. */
  readonly release: R;
}

/**
 * The MetaServer's calls in a release (master by default): `client.GET('/meta/apps')` and so on.
 * Calls only a ReplicaServer serves, or that the release does not serve, do not type-check.
 * `MetaServerClient<Release>` is a client of any release.
 */
export type MetaServerClient<R extends Release = 'master'> = R extends Release
  ? Client<MetaServerPathsOf<R>> & PegasusClientExtras<R>
  : never;
/** The ReplicaServer's calls in a release (master by default). Calls only a MetaServer serves do not type-check. */
export type ReplicaServerClient<R extends Release = 'master'> = R extends Release
  ? Client<ReplicaServerPathsOf<R>> & PegasusClientExtras<R>
  : never;

type OperationTable = Record<string, OperationInfo>;
type CallInit = {
  parseAs?: string;
  signal?: AbortSignal;
  fetch?: RequestFetch;
  bodySerializer?: unknown;
  headers?: Record<string, string>;
  [key: string]: unknown;
};
type CallResult = { data?: unknown; error?: unknown; response: Response };
type Call = (method: string, path: string, init?: CallInit) => Promise<CallResult>;

export const DEFAULT_TIMEOUT_MS = 10_000;

// Pegasus splits list parameters on commas itself and rejects a repeated parameter, so arrays are
// sent comma-joined (`types=a,b`); a free-form object (the flag of /updateConfig) is sent as its
// own `key=value` pairs.
const QUERY_SERIALIZER = { array: { style: 'form', explode: false }, object: { style: 'form', explode: true } } as const;

const textBody = (body: unknown) => String(body);

/** The call's options with what its operation implies: how to read the answer, how to write a text body. */
function callOptions(info: OperationInfo | undefined, init: CallInit): CallInit {
  const options = { ...init };
  if (info && init.parseAs === undefined && info.response !== 'json') options.parseAs = info.response === 'binary' ? 'arrayBuffer' : 'text';
  if (info?.request === 'text' && init.bodySerializer === undefined) {
    options.bodySerializer = textBody;
    options.headers = { 'Content-Type': 'text/plain', ...init.headers };
  }
  return options;
}

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

/** The body of a success as its operation describes it, when the call left the reading to the client. */
function describedData(info: OperationInfo, data: unknown): unknown {
  // An empty body (Content-Length: 0) leaves `data` undefined in openapi-fetch; a text call
  // answered with nothing has answered the empty text.
  if (data === undefined && info.response !== 'json') return '';
  if (info.response === 'json-or-text' && typeof data === 'string') return jsonOrText(data);
  // A binary body (the CPU profile) becomes a binary string, one character per byte, so that no
  // byte is lost to text decoding: Buffer.from(data, 'latin1') gives the bytes back.
  if (info.response === 'binary' && data instanceof ArrayBuffer) return binaryString(data);
  return data;
}

/**
 * A call's time limit: a signal that aborts with a `TimeoutError` after `ms`, as
 * `AbortSignal.timeout(ms)` would, and a way to stop its timer as soon as the call is over, which
 * `AbortSignal.timeout` lacks (its timer would stay for the whole `ms` after every call).
 */
function timeLimit(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`the call took more than ${ms} ms`, 'TimeoutError')), ms);
  // Like AbortSignal.timeout's, the timer alone does not keep the process alive.
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** The typed error for what stopped a call, or the error itself when it is already one of ours or the caller's abort. */
function typedError(error: unknown, server: string): unknown {
  if (error instanceof PegasusError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError') return new PegasusTimeoutError(`no answer from ${server} in time`, server, { cause: error });
  if (name === 'AbortError') return error;
  if (error instanceof TypeError || errorCode(error)) {
    return new PegasusNetworkError(
      `${server}: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`,
      [server],
      errorCode(error),
      { cause: error },
    );
  }
  return error;
}

/**
 * The calls of a client: each through openapi-fetch, its answer read as its operation describes,
 * sent through the transport within the call's time limit, and sent again after a network failure
 * or a timeout of the client's limit when it is a read that may be (`retryable`).
 */
function policyCalls(table: OperationTable, inner: Call, transport: Transport, options: PegasusClientOptions): Call {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, retries = 1 } = options;
  return async (method, path, init = {}) => {
    const info = table[`${method} ${path}`];
    const callInit = callOptions(info, init);
    const attempts = 1 + (info?.retryable ? retries : 0);
    for (let attempt = 1; ; attempt++) {
      const limit = init.signal || timeoutMs <= 0 ? undefined : timeLimit(timeoutMs);
      // The call's own signal is in the Request openapi-fetch makes; the client's limit goes to the transport.
      const send: RequestFetch = (request) =>
        transport.fetch(request, { signal: init.signal ? request.signal : limit?.signal, fetch: init.fetch });
      const server = transport.current();
      try {
        const result = await inner(method, path, { ...callInit, fetch: send });
        if (info && init.parseAs === undefined && result.response.ok) result.data = describedData(info, result.data);
        return result;
      } catch (error) {
        const typed = typedError(error, server);
        // A caller's own abort ends the call; a network failure or the client's own timeout may be retried.
        const retry = typed instanceof PegasusNetworkError || (typed instanceof PegasusTimeoutError && !init.signal);
        if (attempt >= attempts || !retry) throw typed;
      } finally {
        // A streamed body is read after the call returns, still within its time limit.
        if (init.parseAs !== 'stream') limit?.clear();
      }
    }
  };
}

/** The operation table of a role in a release; a release the client was not generated for is an error. */
function operationTable(role: Role, release: Release): OperationTable {
  const table = Object.hasOwn(operationInfo, release) ? operationInfo[release][role] : undefined;
  if (!table)
    throw new TypeError(`unknown Pegasus release ${JSON.stringify(release)}: the releases are ${Object.keys(operationInfo).join(', ')}`);
  return table;
}

function createRoleClient(role: Role, options: PegasusClientOptions): unknown {
  const release = options.release ?? 'master';
  const table = operationTable(role, release);
  const servers = typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  const transport = createTransport({ servers, fetch: options.fetch, maxRedirects: options.maxRedirects ?? 5 });
  const inner = createClient({
    baseUrl: servers[0],
    // Each call hands openapi-fetch a fetch of its own; this one is for the methods no path has.
    fetch: (request: Request) => transport.fetch(request, { signal: request.signal }),
    querySerializer: QUERY_SERIALIZER,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const call = policyCalls(table, inner.request as unknown as Call, transport, options);
  return {
    ...inner,
    request: (method: string, path: string, init?: CallInit) => call(method.toUpperCase(), path, init),
    GET: (path: string, init?: CallInit) => call('GET', path, init),
    POST: (path: string, init?: CallInit) => call('POST', path, init),
    server: transport.current,
    release,
  };
}

/**
 * A client of a MetaServer (default port 34601), or of the MetaServers of a cluster, typed by
 * the release they run: `createMetaServerClient({ baseUrl, release: 'v2.5.0' })`; master by default.
 */
export function createMetaServerClient<R extends Release = 'master'>(options: PegasusClientOptions<R>): MetaServerClient<R> {
  return createRoleClient('meta-server', options) as MetaServerClient<R>;
}

/** A client of one ReplicaServer (default port 34801), typed by the release it runs; master by default. */
export function createReplicaServerClient<R extends Release = 'master'>(options: PegasusClientOptions<R>): ReplicaServerClient<R> {
  return createRoleClient('replica-server', options) as ReplicaServerClient<R>;
}

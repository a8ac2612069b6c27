// The role clients: openapi-fetch typed by each role's paths, with bodies read as described,
// requests sent through the transport (leader redirects, failover), a default time limit, typed
// errors, and one more try for the reads that may be sent twice.
import createClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import { PegasusError, PegasusNetworkError, PegasusTimeoutError } from './errors.js';
import { operationInfo, type OperationInfo } from './generated/operations.js';
import type { paths as MetaServerPaths } from './generated/meta-server.js';
import type { paths as ReplicaServerPaths } from './generated/replica-server.js';
import { createTransport, errorCode } from './transport.js';

export interface PegasusClientOptions {
  /**
   * The server's address, e.g. `http://127.0.0.1:34601`; for a MetaServer client, the list of
   * MetaServers: a standby's 307 is followed to the primary, which is then asked first, and a
   * server that cannot be reached is skipped for the next.
   */
  baseUrl: string | readonly string[];
  /** A fetch implementation to use instead of the global one. */
  fetch?: (input: Request) => Promise<Response>;
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
}

/** What the role clients add to openapi-fetch's client. */
export interface PegasusClientExtras {
  /** The server the next call goes to first: the last that answered, or the primary a standby named. */
  readonly server: () => string;
}

/** The MetaServer's calls: `client.GET('/meta/apps')` and so on. Calls only a ReplicaServer serves do not type-check. */
export type MetaServerClient = Client<MetaServerPaths> & PegasusClientExtras;
/** The ReplicaServer's calls. Calls only a MetaServer serves do not type-check. */
export type ReplicaServerClient = Client<ReplicaServerPaths> & PegasusClientExtras;

type Role = keyof typeof operationInfo;
type Method = 'GET' | 'POST';
type CallInit = { parseAs?: string; bodySerializer?: unknown; headers?: Record<string, string>; signal?: AbortSignal; redirect?: string; fetch?: unknown; [key: string]: unknown };
type CallResult = { data?: unknown; error?: unknown; response: Response };

export const DEFAULT_TIMEOUT_MS = 10_000;

// Pegasus splits list parameters on commas itself and rejects a repeated parameter, so arrays are
// sent comma-joined (`types=a,b`); a free-form object (the flag of /updateConfig) is sent as its
// own `key=value` pairs.
const QUERY_SERIALIZER = createQuerySerializer({ array: { style: 'form', explode: false }, object: { style: 'form', explode: true } });

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

/** The typed error for what stopped a call, or the error itself when it is already one of ours or the caller's abort. */
function typedError(error: unknown, server: string): unknown {
  if (error instanceof PegasusError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError') return new PegasusTimeoutError(`no answer from ${server} in time`, server, { cause: error });
  if (name === 'AbortError') return error;
  if (error instanceof TypeError || errorCode(error)) {
    return new PegasusNetworkError(`${server}: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`, [server], errorCode(error), { cause: error });
  }
  return error;
}

function createRoleClient<Paths extends {}>(role: Role, options: PegasusClientOptions): Client<Paths> & PegasusClientExtras {
  const { headers, timeoutMs = DEFAULT_TIMEOUT_MS, retries = 1, maxRedirects = 5 } = options;
  const servers = typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  const transport = createTransport({ servers, fetch: options.fetch ?? ((request) => globalThis.fetch(request)), maxRedirects });
  // fetch never follows a redirect itself: the transport does, unless the call asks for the 307
  // (`redirect: 'manual'`), which each call says by the fetch it hands openapi-fetch.
  const following = (request: Request) => transport.fetch(request, true);
  const notFollowing = (request: Request) => transport.fetch(request, false);
  const inner = createClient<Paths>({ baseUrl: servers[0]!, fetch: following, redirect: 'manual', ...(headers ? { headers } : {}), querySerializer: QUERY_SERIALIZER });

  const call = (method: Method) => async (path: string, init: CallInit = {}) => {
    const info = operationInfo[role][`${method} ${path}`];
    const send = inner[method] as (path: string, init: CallInit) => Promise<CallResult>;
    const attempts = 1 + (info?.retryable ? retries : 0);
    for (let attempt = 1; ; attempt++) {
      const signal = init.signal ?? (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
      const server = transport.current();
      let result: CallResult;
      try {
        result = await send(path, readDefaults(info, { ...init, redirect: 'manual', ...(init.redirect === 'manual' && !init.fetch ? { fetch: notFollowing } : {}), ...(signal ? { signal } : {}) }));
      } catch (error) {
        const typed = typedError(error, server);
        // A caller's own abort ends the call; a network failure or a timeout may be retried.
        const retry = attempt < attempts && (typed instanceof PegasusNetworkError || (typed instanceof PegasusTimeoutError && !init.signal));
        if (!retry) throw typed;
        continue;
      }
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
    }
  };
  return { ...inner, GET: call('GET'), POST: call('POST'), server: transport.current } as unknown as Client<Paths> & PegasusClientExtras;
}

/** A client of a MetaServer (default port 34601), or of the MetaServers of a cluster. */
export function createMetaServerClient(options: PegasusClientOptions): MetaServerClient {
  return createRoleClient<MetaServerPaths>('meta-server', options);
}

/** A client of one ReplicaServer (default port 34801). */
export function createReplicaServerClient(options: PegasusClientOptions): ReplicaServerClient {
  return createRoleClient<ReplicaServerPaths>('replica-server', options);
}

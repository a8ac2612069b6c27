// The role clients: openapi-fetch typed by each role's paths, with bodies read as described,
// requests made by openapi-fetch's serializers and sent through the transport (leader redirects,
// failover), a default time limit, typed errors, and one more try for the reads that may be sent
// twice. A call goes the direct way (no Request built) unless middleware or options of its own
// need openapi-fetch's full path.
import createClient, { createFinalURL, createQuerySerializer, defaultBodySerializer, defaultPathSerializer, mergeHeaders, removeTrailingSlash, type Client } from 'openapi-fetch';
import { PegasusError, PegasusNetworkError, PegasusTimeoutError } from './errors.js';
import { operationInfo, type OperationInfo } from './generated/operations.js';
import type { paths as MetaServerPaths } from './generated/meta-server.js';
import type { paths as ReplicaServerPaths } from './generated/replica-server.js';
import { createTransport, errorCode, type Outgoing } from './transport.js';

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
type CallInit = {
  params?: { query?: Record<string, unknown>; path?: Record<string, unknown>; header?: Record<string, string> };
  body?: unknown;
  parseAs?: ParseAs;
  bodySerializer?: (body: unknown, headers?: Headers | Record<string, string>) => unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  redirect?: string;
  [key: string]: unknown;
};
type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
type CallResult = { data?: unknown; error?: unknown; response: Response };

export const DEFAULT_TIMEOUT_MS = 10_000;

// Pegasus splits list parameters on commas itself and rejects a repeated parameter, so arrays are
// sent comma-joined (`types=a,b`); a free-form object (the flag of /updateConfig) is sent as its
// own `key=value` pairs.
const QUERY_SERIALIZER = createQuerySerializer({ array: { style: 'form', explode: false }, object: { style: 'form', explode: true } });

/** The request to send, from a `Request` (one that middleware was handed): its body read once, so that it can be sent again. */
async function outgoing(request: Request): Promise<Outgoing> {
  return { url: request.url, method: request.method, headers: request.headers, body: request.body ? await request.arrayBuffer() : undefined, signal: request.signal };
}

/**
 * The options a call may have and still be sent the direct way (see `direct` below); any other
 * (a fetch, middleware or query serializer of the call's own, a `baseUrl`, RequestInit extras) sends it
 * through openapi-fetch's own path.
 */
const DIRECT_OPTIONS = new Set(['params', 'body', 'headers', 'parseAs', 'bodySerializer', 'signal', 'redirect']);

/** An answer read as openapi-fetch reads it (openapi-fetch 0.17, `coreFetch`): `data` on success, `error` otherwise, nothing for an empty body. */
async function readAnswer(response: Response, parseAs: ParseAs): Promise<CallResult> {
  const contentLength = response.headers.get('Content-Length');
  if (response.status === 204 || (contentLength === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'))) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  if (response.ok) {
    if (parseAs === 'stream') return { data: response.body, response };
    if (parseAs === 'json' && !contentLength) {
      const raw = await response.text();
      return { data: raw ? JSON.parse(raw) : undefined, response };
    }
    return { data: await response[parseAs](), response };
  }
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // Not JSON: the text as it is.
  }
  return { error, response };
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

/** The call's options with what its operation implies: how to read the answer, how to send a text body. */
function readDefaults(info: OperationInfo | undefined, init: CallInit): CallInit {
  const parseAs = init.parseAs === undefined && info && info.response !== 'json';
  const textBody = info?.request === 'text' && init.bodySerializer === undefined;
  // Most calls (JSON answers, no text body) keep their options as they are.
  if (!parseAs && !textBody) return init;
  const defaults: CallInit = {};
  if (parseAs) defaults.parseAs = info!.response === 'binary' ? 'arrayBuffer' : 'text';
  if (textBody) {
    defaults.bodySerializer = (body: unknown) => String(body);
    defaults.headers = { 'Content-Type': 'text/plain', ...init.headers };
  }
  return { ...init, ...defaults };
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
    return new PegasusNetworkError(`${server}: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`, [server], errorCode(error), { cause: error });
  }
  return error;
}

function createRoleClient<Paths extends {}>(role: Role, options: PegasusClientOptions): Client<Paths> & PegasusClientExtras {
  const { headers, timeoutMs = DEFAULT_TIMEOUT_MS, retries = 1, maxRedirects = 5 } = options;
  const servers = typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  const baseUrl = removeTrailingSlash(servers[0]!);
  const userFetch = options.fetch;
  const transport = createTransport({
    servers,
    fetch: userFetch ? (url, init) => userFetch(new Request(url, init)) : (url, init) => globalThis.fetch(url, init),
    maxRedirects,
  });
  // openapi-fetch's own path, for the calls the direct one does not take: its fetch goes through
  // the transport, which follows redirects itself unless the call asks for the 307 (`redirect:
  // 'manual'`), which each call says by the fetch it hands openapi-fetch.
  const sender = (follow: boolean) => async (request: Request) => transport.fetch(await outgoing(request), follow);
  const [following, notFollowing] = [sender(true), sender(false)];
  const inner = createClient<Paths>({ baseUrl, fetch: following, redirect: 'manual', ...(headers ? { headers } : {}), querySerializer: QUERY_SERIALIZER });
  // Middleware is handed a Request and runs in openapi-fetch's path: once any is registered, every call takes it.
  let middlewareUsed = false;
  const use: typeof inner.use = (...middleware) => {
    middlewareUsed ||= middleware.some(Boolean);
    inner.use(...middleware);
  };

  /**
   * A call the direct way: the URL, headers and body made by openapi-fetch's own serializers, the
   * answer read as openapi-fetch reads it, but no `Request` built: fetch builds one from the URL
   * and init anyway, and a second one, with openapi-fetch's path around it, costs more per call
   * than the rest of the client (see BENCHMARKS.md). The answers test checks that both paths give
   * the same result for every documented answer.
   */
  async function direct(method: Method, path: string, init: CallInit, signal: AbortSignal | undefined, follow: boolean): Promise<CallResult> {
    const params = init.params ?? {};
    const url = createFinalURL(path, { baseUrl, params, querySerializer: QUERY_SERIALIZER, pathSerializer: defaultPathSerializer });
    const body = init.body === undefined ? undefined : (init.bodySerializer ?? defaultBodySerializer)(init.body, mergeHeaders(headers, init.headers, params.header));
    // No headers at all (most reads): none to merge.
    const requestHeaders = body === undefined && !headers && !init.headers && !params.header ? undefined : mergeHeaders(body === undefined ? {} : { 'Content-Type': 'application/json' }, headers, init.headers, params.header);
    const response = await transport.fetch({ url, method, headers: requestHeaders, body: body as Outgoing['body'], signal }, follow);
    return readAnswer(response, init.parseAs ?? 'json');
  }

  const call = (method: Method) => async (path: string, init: CallInit = {}) => {
    const info = operationInfo[role][`${method} ${path}`];
    const options = readDefaults(info, init);
    const follow = init.redirect !== 'manual';
    let isDirect = !middlewareUsed;
    for (const key in init) isDirect &&= DIRECT_OPTIONS.has(key);
    const attempts = 1 + (info?.retryable ? retries : 0);
    for (let attempt = 1; ; attempt++) {
      const limit = !init.signal && timeoutMs > 0 ? timeLimit(timeoutMs) : undefined;
      const signal = init.signal ?? limit?.signal;
      const server = transport.current();
      let result: CallResult;
      try {
        result = isDirect
          ? await direct(method, path, options, signal, follow)
          : await (inner[method] as (path: string, init: CallInit) => Promise<CallResult>)(path, {
              ...options,
              redirect: 'manual',
              ...(follow || init.fetch ? {} : { fetch: notFollowing }),
              ...(signal ? { signal } : {}),
            });
      } catch (error) {
        const typed = typedError(error, server);
        // A caller's own abort ends the call; a network failure or a timeout may be retried.
        const retry = attempt < attempts && (typed instanceof PegasusNetworkError || (typed instanceof PegasusTimeoutError && !init.signal));
        if (!retry) throw typed;
        continue;
      } finally {
        // A streamed body is read after the call returns, still within its time limit.
        if (init.parseAs !== 'stream') limit?.clear();
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
  return { ...inner, use, GET: call('GET'), POST: call('POST'), server: transport.current } as unknown as Client<Paths> & PegasusClientExtras;
}

/** A client of a MetaServer (default port 34601), or of the MetaServers of a cluster. */
export function createMetaServerClient(options: PegasusClientOptions): MetaServerClient {
  return createRoleClient<MetaServerPaths>('meta-server', options);
}

/** A client of one ReplicaServer (default port 34801). */
export function createReplicaServerClient(options: PegasusClientOptions): ReplicaServerClient {
  return createRoleClient<ReplicaServerPaths>('replica-server', options);
}

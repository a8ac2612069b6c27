// How a request reaches a Pegasus server, as Pegasus's own clients do it: against a list of
// servers, the one that answered last is asked first; a server that cannot be reached is skipped
// for the next; a 307 from a standby MetaServer is followed to the primary (a bounded number of
// hops, loops detected), and the primary is remembered. The transport is the `fetch` openapi-fetch
// is given: it takes openapi-fetch's Request and sends it, again if need be, to the right server.
import { nextRedirect } from '@pegasus-http/spec/wire';
import { PegasusNetworkError, PegasusRedirectError } from './errors.js';

/** A fetch that takes a Request, as openapi-fetch's `fetch` option does. */
export type RequestFetch = (input: Request) => Promise<Response>;

/** How one call's requests are sent. */
export interface SendOptions {
  /** The signal to send with (the call's time limit, or the Request's own); none for no limit. */
  signal?: AbortSignal | undefined;
  /** A fetch of the call's own, in place of the transport's. */
  fetch?: RequestFetch | undefined;
}

export interface TransportOptions {
  /** The servers' base URLs, e.g. `http://10.0.0.1:34601`. */
  servers: readonly string[];
  /** The fetch to send with, if not the global one. */
  fetch?: RequestFetch | undefined;
  /** How many 307s one request may follow. */
  maxRedirects: number;
}

export interface Transport {
  /**
   * Sends a Request made for any listed server to the current one, with the method, headers and
   * body it holds. A 307 is followed unless the Request says `redirect: 'manual'`.
   */
  fetch(request: Request, options?: SendOptions): Promise<Response>;
  /** The server asked first: the last one that answered, or a primary a standby pointed to. */
  current(): string;
}

/** A request as the transport sends it, its body read once so that it can be sent again (to another server, or after a 307). */
interface Message {
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
  signal: AbortSignal | undefined;
  fetch: RequestFetch | undefined;
}

/** Errors that mean the request never reached the server, so that sending it elsewhere is safe. */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** The system error code under a fetch failure (undici puts it in `cause`). */
export function errorCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

function origin(url: string): string {
  return new URL(url).origin;
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Sends to one address; fetch never follows a redirect itself. The init names only what the
 * request has: fetch checks every member it is given, so a plain GET costs least without the others.
 */
function send(url: string, message: Message, fallback: RequestFetch | undefined): Promise<Response> {
  const init: RequestInit = { redirect: 'manual', headers: message.headers };
  if (message.method !== 'GET') init.method = message.method;
  if (message.body) init.body = message.body;
  if (message.signal) init.signal = message.signal;
  const fetch = message.fetch ?? fallback;
  return fetch ? fetch(new Request(url, init)) : globalThis.fetch(url, init);
}

export function createTransport(options: TransportOptions): Transport {
  const servers = options.servers.map(origin);
  const [first] = servers;
  if (first === undefined) throw new TypeError('a client needs at least one server address');
  let current = first;

  /** The servers to try, the current one first, then the others in their listed order. */
  function candidates(): readonly string[] {
    return current === first ? servers : [current, ...servers.filter((server) => server !== current)];
  }

  async function transportFetch(request: Request, { signal, fetch }: SendOptions = {}): Promise<Response> {
    const message: Message = {
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.arrayBuffer() : undefined,
      signal,
      fetch,
    };
    const order = candidates();
    let lastError: unknown;
    for (const server of order) {
      // Most requests go where they were made for: the URL is rebuilt only for another server.
      const url = request.url.startsWith(`${server}/`) ? request.url : `${server}${pathAndQuery(request.url)}`;
      let response: Response;
      try {
        response = await send(url, message, options.fetch);
      } catch (error) {
        // Only a request that never left may go to the next server; anything else is the caller's to judge.
        if (!NOT_DELIVERED.has(errorCode(error) ?? '')) throw error;
        lastError = error;
        continue;
      }
      current = server;
      return request.redirect === 'manual' ? response : followRedirects(response, url, message);
    }
    // Every server was tried, and none could be reached.
    throw new PegasusNetworkError(
      `no server could be reached (${order.join(', ')}): ${(lastError as Error)?.message ?? 'unknown error'}`,
      [...order],
      errorCode(lastError),
      { cause: lastError },
    );
  }

  /** Follows 307s to their Location, keeping the method and the body; remembers where they ended. */
  async function followRedirects(first: Response, firstUrl: string, message: Message): Promise<Response> {
    let response = first;
    const chain = [firstUrl];
    while (response.status === 307 || response.status === 308) {
      const step = nextRedirect(chain, response.headers.get('location'), options.maxRedirects);
      // A 307 that says nowhere usable to go is the answer itself.
      if (!step.ok && step.reason === 'no-location') break;
      if (!step.ok) {
        const what = step.reason === 'loop' ? 'redirect loop' : `more than ${options.maxRedirects} redirects`;
        throw new PegasusRedirectError(`${what}: ${step.chain.join(' -> ')}`, step.chain);
      }
      chain.push(step.url);
      await response.body?.cancel();
      response = await send(step.url, message, options.fetch);
    }
    // The address the redirects ended at is the primary: ask it first next time.
    const primary = chain.at(-1);
    if (primary && chain.length > 1 && response.status < 300) current = origin(primary);
    return response;
  }

  return { fetch: transportFetch, current: () => current };
}

// How a request reaches a Pegasus server, as Pegasus's own clients do it: against a list of
// servers, the one that answered last is asked first; a server that cannot be reached is skipped
// for the next; a 307 from a standby MetaServer is followed to the primary (a bounded number of
// hops, loops detected), and the primary is remembered.
import { PegasusNetworkError, PegasusRedirectError } from './errors.js';

/**
 * A request as the transport sends it: where to, how, and a body that can be sent again (a
 * string or bytes), so that it can go to another server or follow a 307.
 */
export interface Outgoing {
  url: string;
  method: string;
  headers?: RequestInit['headers'];
  body?: string | ArrayBuffer | null | undefined;
  signal?: AbortSignal | null | undefined;
}

export interface TransportOptions {
  /** The servers' base URLs, e.g. `http://10.0.0.1:34601`. */
  servers: readonly string[];
  /** The fetch to send with. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** How many 307s one call may follow. */
  maxRedirects: number;
}

export interface Transport {
  /**
   * Sends a request made for any listed server to the current one. With `follow`, a 307 is
   * followed (see above); without, the 307 is the answer.
   */
  fetch(request: Outgoing, follow: boolean): Promise<Response>;
  /** The server asked first: the last one that answered, or a primary a standby pointed to. */
  current(): string;
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

/** A 307 (or 308) that says where to go. */
function isRedirect(response: Response): boolean {
  return (response.status === 307 || response.status === 308) && Boolean(response.headers.get('location'));
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

export function createTransport(options: TransportOptions): Transport {
  const servers = options.servers.map(origin);
  if (servers.length === 0) throw new TypeError('a client needs at least one server address');
  let current = servers[0]!;

  /**
   * Sends to one address; fetch never follows a redirect itself. The init names only what the
   * request has (fetch checks every member it is given, so a plain GET costs least without the
   * others).
   */
  function send(url: string, request: Outgoing): Promise<Response> {
    const init: RequestInit = { redirect: 'manual' };
    if (request.method !== 'GET') init.method = request.method;
    if (request.headers) init.headers = request.headers;
    if (request.body != null) init.body = request.body;
    if (request.signal) init.signal = request.signal;
    return options.fetch(url, init);
  }

  /** The servers to try, the current one first, then the others in their listed order. */
  function candidates(): readonly string[] {
    return current === servers[0] ? servers : [current, ...servers.filter((server) => server !== current)];
  }

  async function transportFetch(request: Outgoing, follow: boolean): Promise<Response> {
    // The path and query, to send to another server than the one the URL names: read only when
    // needed, since most calls go where they were made for.
    let rest: string | undefined;
    const order = candidates();
    let lastError: unknown;
    for (const server of order) {
      const url = request.url.startsWith(`${server}/`) ? request.url : `${server}${(rest ??= pathAndQuery(request.url))}`;
      let response: Response;
      try {
        response = await send(url, request);
      } catch (error) {
        // Only a request that never left may go to the next server; anything else is the caller's to judge.
        if (!NOT_DELIVERED.has(errorCode(error) ?? '')) throw error;
        lastError = error;
        continue;
      }
      current = server;
      return follow && isRedirect(response) ? followRedirects(response, url, request) : response;
    }
    // Every server was tried, and none could be reached.
    throw new PegasusNetworkError(`no server could be reached (${order.join(', ')}): ${(lastError as Error)?.message ?? 'unknown error'}`, [...order], errorCode(lastError), { cause: lastError });
  }

  /** Follows 307s to their Location, keeping the method and the body; remembers where it ended. */
  async function followRedirects(first: Response, firstUrl: string, request: Outgoing): Promise<Response> {
    let response = first;
    const chain = [firstUrl];
    while (isRedirect(response)) {
      const next = new URL(response.headers.get('location')!, chain[chain.length - 1]).href;
      if (chain.includes(next)) throw new PegasusRedirectError(`redirect loop: ${[...chain, next].join(' -> ')}`, [...chain, next]);
      if (chain.length > options.maxRedirects) throw new PegasusRedirectError(`more than ${options.maxRedirects} redirects: ${[...chain, next].join(' -> ')}`, [...chain, next]);
      chain.push(next);
      await response.body?.cancel();
      response = await send(next, request);
    }
    // The address the redirects ended at is the primary: ask it first next time.
    if (chain.length > 1 && response.status < 300) current = origin(chain[chain.length - 1]!);
    return response;
  }

  return { fetch: transportFetch, current: () => current };
}

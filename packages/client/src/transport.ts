// How a request reaches a Pegasus server, as Pegasus's own clients do it: against a list of
// servers, the one that answered last is asked first; a server that cannot be reached is skipped
// for the next; a 307 from a standby MetaServer is followed to the primary (a bounded number of
// hops, loops detected), and the primary is remembered.
import { PegasusNetworkError, PegasusRedirectError } from './errors.js';

export interface TransportOptions {
  /** The servers' base URLs, e.g. `http://10.0.0.1:34601`. */
  servers: readonly string[];
  /** The fetch to send with. */
  fetch: (request: Request) => Promise<Response>;
  /** How many 307s one call may follow. */
  maxRedirects: number;
}

export interface Transport {
  /**
   * Sends a request made for any listed server to the current one. With `follow`, a 307 is
   * followed (see above); without, the 307 is the answer.
   */
  fetch(request: Request, follow: boolean): Promise<Response>;
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

export function createTransport(options: TransportOptions): Transport {
  const servers = options.servers.map(origin);
  if (servers.length === 0) throw new TypeError('a client needs at least one server address');
  let current = servers[0]!;

  /** Sends to one address, with the body read once so it can be sent again. */
  function send(url: string, request: Request, body: ArrayBuffer | undefined): Promise<Response> {
    return options.fetch(
      new Request(url, {
        method: request.method,
        headers: request.headers,
        body: body ?? null,
        signal: request.signal,
        redirect: 'manual',
      }),
    );
  }

  /** The servers to try, the current one first, then the others in their listed order. */
  function candidates(): string[] {
    return [current, ...servers.filter((server) => server !== current)];
  }

  async function transportFetch(request: Request, follow: boolean): Promise<Response> {
    const body = request.body ? await request.arrayBuffer() : undefined;
    const url = new URL(request.url);
    const pathAndQuery = `${url.pathname}${url.search}`;
    const tried: string[] = [];
    let lastError: unknown;
    for (const server of candidates()) {
      tried.push(server);
      let response: Response;
      try {
        // The request as it was made, when it is already the one to send (the usual case: one
        // server, no body, redirects not followed by fetch): a new Request costs as much as the
        // rest of the transport.
        const asMade = body === undefined && request.redirect === 'manual' && url.origin === server;
        response = await (asMade ? options.fetch(request) : send(`${server}${pathAndQuery}`, request, body));
      } catch (error) {
        // Only a request that never left may go to the next server; anything else is the caller's to judge.
        if (!NOT_DELIVERED.has(errorCode(error) ?? '')) throw error;
        lastError = error;
        continue;
      }
      current = server;
      return follow ? followRedirects(response, `${server}${pathAndQuery}`, request, body) : response;
    }
    throw new PegasusNetworkError(`no server could be reached (${tried.join(', ')}): ${(lastError as Error)?.message ?? 'unknown error'}`, tried, errorCode(lastError), { cause: lastError });
  }

  /** Follows 307s to their Location, keeping the method and the body; remembers where it ended. */
  async function followRedirects(first: Response, firstUrl: string, request: Request, body: ArrayBuffer | undefined): Promise<Response> {
    let response = first;
    const chain = [firstUrl];
    while ((response.status === 307 || response.status === 308) && response.headers.get('location')) {
      const next = new URL(response.headers.get('location')!, chain[chain.length - 1]).href;
      if (chain.includes(next)) throw new PegasusRedirectError(`redirect loop: ${[...chain, next].join(' -> ')}`, [...chain, next]);
      if (chain.length > options.maxRedirects) throw new PegasusRedirectError(`more than ${options.maxRedirects} redirects: ${[...chain, next].join(' -> ')}`, [...chain, next]);
      chain.push(next);
      await response.body?.cancel();
      response = await send(next, request, body);
    }
    // The address the redirects ended at is the primary: ask it first next time.
    if (chain.length > 1 && response.status < 300) current = origin(chain[chain.length - 1]!);
    return response;
  }

  return { fetch: transportFetch, current: () => current };
}

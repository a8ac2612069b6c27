// The HTTP framework of a fake Pegasus server: how each release reads a request target, the reply
// it writes (status line, `Content-Type: text/plain`, `Content-Length`, a `Location` on a 307), the
// connection dropped on any other method, and a crash: the socket closed without an answer and the
// process gone. Every request received is recorded, for the tests that check what the kit sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Release } from '@pegasus-http/spec';
import { decodeUri, type PegasusTarget, parsePegasusTarget, type WireSerializer, writeWireJson } from '@pegasus-http/spec/wire';

/** What a server writes back. */
export interface Written {
  status: number;
  body?: string;
  location?: string;
  contentType?: string;
}

/** A reply, or `crash`: the process dies on the request. */
export type Reply = Written | 'crash';

/** A request as received. */
export interface RawRequest {
  method: string;
  target: string;
  body: string;
}

/** A request as the framework hands it to a handler: the normalised path and the parameters. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Map<string, string>;
  body: string;
}

export interface FakeServer {
  url: string;
  /** `METHOD target` of every request received, in order. */
  received: string[];
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
};

export const json = (value: unknown, serializer: WireSerializer = 'table_printer'): Written => ({
  status: 200,
  body: writeWireJson(value, serializer),
});
export const text = (status: number, body: string): Written => ({ status, body });

/**
 * v2.4.0 splits with `boost::split` on the decoded strings: path segments and query tokens keep
 * their blanks, empty path segments are dropped afterwards, an empty query token is the parameter
 * `""`, and a decoded NUL is kept (research §0.2).
 */
function parseBoostSplit(target: string): PegasusTarget {
  const rest = target.split('#')[0] as string;
  const question = rest.indexOf('?');
  const path = decodeUri(`${question === -1 ? rest : rest.slice(0, question)}\0`);
  if (!path.ok) return path;
  const query = new Map<string, string>();
  const rawQuery = question === -1 ? '' : rest.slice(question + 1);
  const decoded = decodeUri(rawQuery);
  if (!decoded.ok) return decoded;
  for (const token of rawQuery === '' ? [] : decoded.value.split('&')) {
    const sep = token.indexOf('=');
    const name = sep === -1 ? token : token.slice(0, sep);
    if (sep !== -1 && query.has(name)) return { ok: false, error: `ERR_INVALID_PARAMETERS: duplicate parameter: ${name}` };
    if (sep !== -1 || !query.has(name)) query.set(name, sep === -1 ? '' : token.slice(sep + 1));
  }
  const segments = path.value.slice(0, -1).split('/');
  return { ok: true, path: segments.filter((s) => s !== '').join('/'), query };
}

/** How a release reads a target: v2.5.0 and master split as the spec's wire module models. */
export function parseTarget(release: Release, target: string): PegasusTarget {
  return release === 'v2.4.0' ? parseBoostSplit(target) : parsePegasusTarget(target);
}

function write(response: ServerResponse, reply: Written): void {
  const body = Buffer.from(reply.body ?? '', 'utf8');
  response.sendDate = false;
  response.removeHeader('Connection');
  response.removeHeader('Keep-Alive');
  response.writeHead(reply.status, STATUS_TEXT[reply.status] ?? 'OK', {
    'Content-Type': reply.contentType ?? 'text/plain',
    'Content-Length': body.length,
    ...(reply.location ? { Location: reply.location } : {}),
  });
  response.end(body);
}

/** Starts a fake server on 127.0.0.1, port 0; `route` answers each request (`port` is its own). */
export async function listen(route: (request: RawRequest, port: number) => Reply): Promise<FakeServer> {
  const received: string[] = [];
  let crashed = false;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    received.push(`${request.method} ${request.url}`);
    if (crashed || (request.method !== 'GET' && request.method !== 'POST')) return request.socket.destroy();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = route({ method: request.method!, target: request.url ?? '/', body }, port);
      if (reply !== 'crash') return write(response, reply);
      crashed = true;
      request.socket.destroy();
      server.close();
      server.closeAllConnections();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, received, close };
}

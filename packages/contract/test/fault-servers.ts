// Small misbehaving servers for the fault tests and benchmarks, each on 127.0.0.1 and port 0, each
// recording the requests it received: a server that answers as `handle` says, one that sends the
// same (hostile) body to every call, a proxy in front of a fake server that misbehaves on some
// paths, and the URL of a port nothing listens on any more.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  /** `METHOD target` of every request received, in order. */
  received: string[];
  close(): Promise<void>;
}

export type Handle = (request: IncomingMessage, response: ServerResponse, self: string) => void;

/** Starts a server on 127.0.0.1, port 0, that records each request and answers with `handle`. */
export async function startServer(handle: Handle): Promise<TestServer> {
  const received: string[] = [];
  let url = '';
  const server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    handle(request, response, url);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, received, close };
}

/** Forwards a request to `target` and its answer back. */
export function forward(target: string, request: IncomingMessage, response: ServerResponse): void {
  const upstream = httpRequest(`${target}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode!, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => request.socket.destroy());
  request.pipe(upstream);
}

/** A 307 with an empty body to `location`, as a standby MetaServer sends it. */
export function redirect(response: ServerResponse, location: string): void {
  response.writeHead(307, { 'Content-Type': 'text/plain', Location: location, 'Content-Length': '0' }).end();
}

/** A server in front of `target` whose `/meta/*` calls are 307s to wherever `locate` says; the rest is forwarded. */
export function redirectingProxy(target: string, locate: (request: IncomingMessage, self: string) => string): Promise<TestServer> {
  return startServer((request, response, self) => {
    if ((request.url ?? '').startsWith('/meta/')) return redirect(response, locate(request, self));
    forward(target, request, response);
  });
}

/** The URL of a port on 127.0.0.1 where nothing listens any more: every connection is refused. */
export async function closedUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}

/** A server that answers every call with these bytes, labelled as Pegasus labels everything. */
export function answeringAlways(body: Buffer): Promise<TestServer> {
  return startServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length }).end(body);
  });
}

const MIB = 1024 * 1024;

/** A JSON object of one 25 MiB key holding a 25 MiB string: 50 MiB, under the default limit of 64 MiB. */
export function fiftyMiB(): Buffer {
  const half = 25 * MIB;
  const body = Buffer.alloc(2 * half + 6, 0x78);
  body.write('{"', 0);
  body.write('":"', half + 2);
  body.write('"}', 2 * half + 4);
  return body;
}

/** `{"f0":0,"f1":0,…}`: a million fields, 12 MB. */
export function millionFields(): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < 1_000_000; i++) parts.push(`"f${i}":0`);
  return Buffer.from(`{${parts.join(',')}}`);
}

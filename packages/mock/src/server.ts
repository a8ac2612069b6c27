// The mock servers: Prism, serving the examples of the published artifacts, once per role.
// In the default mode a mock behaves as Prism does. In wire mode it looks like a real Pegasus
// server on the wire: every body labelled text/plain and written byte for byte as the server
// writes it, Pegasus's own 400 and 404 for a bad query or an unknown path, GET and POST treated
// alike, and the connection closed on any other method.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { artifactPath, listOperations, loadDocument, resolveRef, writeWireJson, type JsonObject, type Role, type WireInfo } from '@pegasus-http/spec';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_STANDBY_PORT } from './defaults.js';
import { parsePegasusTarget, requestParseErrorBody, serviceNotFoundBody } from './pegasus-request.js';
import { createLogger, createServer as createPrismServer, getHttpConfigFromRequest, getHttpOperationsFromSpec, routeByExactPath } from './prism.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface MockOptions {
  role: Role;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Defaults to the role's Pegasus port. */
  port?: number;
  /** Look like the real server on the wire (see the package README). */
  wire?: boolean;
  /**
   * Wire mode, MetaServer only: act as a standby MetaServer whose primary is at this URL, and
   * redirect every call that a standby redirects there with a 307, as Pegasus master does.
   */
  standbyOf?: string;
}

export interface MockServer {
  role: Role;
  url: string;
  wire: boolean;
  close(): Promise<void>;
}

type PrismConfig = NonNullable<Parameters<ReturnType<typeof createPrismServer>["prism"]["request"]>[2]>;
type PrismInput = Parameters<ReturnType<typeof createPrismServer>['prism']['request']>[0];

const PRISM_CONFIG = {
  mock: { dynamic: false },
  validateRequest: true,
  validateResponse: false,
  checkSecurity: true,
  errors: false,
  isProxy: false,
  upstreamProxy: undefined,
} as unknown as PrismConfig;

/** What Prism is built with: a silent logger, and a router that looks at the request's path only (see routeByExactPath). */
function prismComponents(operations: Awaited<ReturnType<typeof getHttpOperationsFromSpec>>): Parameters<typeof createPrismServer>[1]['components'] {
  const route = routeByExactPath(operations);
  return { logger: createLogger('pegasus-mock', { level: 'silent' }), ...(route ? { route } : {}) };
}

/** The writer of each described JSON response: `"<METHOD> <path> <status>"` → serializer. */
function jsonWriters(role: Role): Map<string, WireInfo['serializer']> {
  const document = loadDocument(role);
  const writers = new Map<string, WireInfo['serializer']>();
  for (const { method, path, operation } of listOperations(document)) {
    for (const [status, reference] of Object.entries(operation.responses)) {
      const json = (resolveRef<JsonObject>(document, reference).content as Record<string, JsonObject> | undefined)?.['application/json'];
      const serializer = (json?.['x-pegasus-wire'] as WireInfo | undefined)?.serializer;
      if (serializer) writers.set(`${method.toUpperCase()} ${path} ${status}`, serializer);
    }
  }
  return writers;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Writes a response the way a Pegasus server does: status, text/plain, length, an optional Location, and nothing else. */
function writePegasusResponse(response: ServerResponse, status: number, body: string | Buffer, location?: string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.sendDate = false;
  response.removeHeader('Connection');
  response.removeHeader('Keep-Alive');
  const headers: Record<string, string | number> = { 'Content-Type': 'text/plain', 'Content-Length': bytes.length };
  if (location) headers.Location = location;
  response.writeHead(status, headers);
  response.end(bytes);
}

/** The Location a standby sends: the primary, the normalised path, and the parameters re-joined as decoded. */
function primaryLocation(primary: string, path: string, query: Map<string, string>): string {
  const pairs = [...query].map(([name, value]) => `${name}=${value}`);
  return `${primary.replace(/\/+$/, '')}/${path}${pairs.length ? `?${pairs.join('&')}` : ''}`.replaceAll('\0', '');
}

async function startWireServer(role: Role, host: string, port: number, standbyOf?: string): Promise<{ server: Server; close(): Promise<void> }> {
  const operations = await getHttpOperationsFromSpec(artifactPath(role));
  const prism = createPrismServer(operations, { cors: false, config: PRISM_CONFIG, components: prismComponents(operations) }).prism;
  const writers = jsonWriters(role);
  const methodsByPath = new Map<string, Set<string>>();
  const jsonBodies = new Set<string>();
  const redirected = new Set<string>();
  // `x-pegasus-post`: the documented answer a POST gets from a call that refuses POST.
  const postAnswers = new Map<string, { status: number; example: string }>();
  for (const { method, path, operation } of listOperations(loadDocument(role))) {
    const post = operation['x-pegasus-post'] as { status: number; example: string } | undefined;
    if (post) postAnswers.set(path, post);
    methodsByPath.set(path, (methodsByPath.get(path) ?? new Set()).add(method.toUpperCase()));
    if (operation.responses['307']) redirected.add(path);
    const body = operation.requestBody ? resolveRef<JsonObject>(loadDocument(role), operation.requestBody) : undefined;
    if (body && 'application/json' in (body.content as object)) jsonBodies.add(`${method.toUpperCase()} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A Pegasus server only speaks GET and POST; anything else gets no answer at all.
    if (request.method !== 'GET' && request.method !== 'POST') {
      request.socket.destroy();
      return;
    }
    const target = parsePegasusTarget(request.url ?? '/');
    if (!target.ok) return writePegasusResponse(response, 400, requestParseErrorBody(target.error));
    const path = `/${target.path}`;
    const methods = methodsByPath.get(path);
    if (!methods) return writePegasusResponse(response, 404, serviceNotFoundBody(target.path));
    if (standbyOf && redirected.has(path)) {
      request.resume();
      return writePegasusResponse(response, 307, '', primaryLocation(standbyOf, target.path, target.query));
    }
    // GET and POST reach the same handler, except where the description has both, or says how
    // the call refuses a POST.
    const method = methods.has(request.method) ? request.method : [...methods][0]!;
    const refusedPost = request.method === 'POST' && !methods.has('POST') ? postAnswers.get(path) : undefined;
    if (refusedPost) request.headers.prefer = `code=${refusedPost.status}, example=${refusedPost.example}`;
    const body = await readBody(request);
    // Pegasus reads a JSON body whatever Content-Type says (curl -d sends a form type); so does
    // the wire mode, handing Prism the parsed JSON. A body that is not JSON goes as text, and
    // Prism answers it with the call's 400.
    let parsedBody: unknown = body.length === 0 ? undefined : body.toString('utf8');
    const requestHeaders = { ...request.headers };
    if (parsedBody !== undefined && jsonBodies.has(`${method} ${path}`)) {
      try {
        parsedBody = JSON.parse(parsedBody as string);
        requestHeaders['content-type'] = 'application/json';
      } catch {
        requestHeaders['content-type'] = 'text/plain';
      }
    }
    const input = {
      method: method.toLowerCase(),
      url: { path, query: Object.fromEntries(target.query) },
      headers: requestHeaders,
      body: parsedBody,
    } as unknown as PrismInput;
    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') return writePegasusResponse(response, preferences.left.status ?? 422, preferences.left.message);
    const config = { ...PRISM_CONFIG, mock: { ...PRISM_CONFIG.mock, ...preferences.right } } as PrismConfig;
    const result = await prism.request(input, operations, config)();
    if (result._tag === 'Left') {
      const problem = result.left as Error & { status?: number; detail?: string };
      return writePegasusResponse(response, problem.status ?? 500, `${problem.message}${problem.detail ? `: ${problem.detail}` : ''}`);
    }
    const { statusCode, headers, body: payload } = result.right.output;
    const contentType = String(headers?.['Content-type'] ?? headers?.['Content-Type'] ?? '');
    const serializer = writers.get(`${method} ${path} ${statusCode}`);
    let bytes: string;
    if (contentType.startsWith('application/json') && serializer) bytes = writeWireJson(payload, serializer);
    else if (typeof payload === 'string') bytes = payload;
    else bytes = payload === undefined ? '' : JSON.stringify(payload);
    const location = headers?.Location ?? headers?.location;
    writePegasusResponse(response, statusCode, bytes, location === undefined ? undefined : String(location));
  }

  const server = createHttpServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) writePegasusResponse(response, 500, `mock error: ${error.message}`);
      else response.destroy();
    });
  });
  // Malformed HTTP gets no answer from Pegasus either: the connection is closed.
  server.on('clientError', (_error, socket) => socket.destroy());
  await listen(server, host, port);
  return { server, close: () => closeServer(server) };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts one mock server. */
export async function startMock(options: MockOptions): Promise<MockServer> {
  const { role, host = DEFAULT_HOST, port = DEFAULT_PORTS[role], wire = false, standbyOf } = options;
  if (standbyOf && (!wire || role !== 'meta-server')) throw new Error('only a wire-mode MetaServer mock can act as a standby');
  if (wire) {
    const { server, close } = await startWireServer(role, host, port, standbyOf);
    return { role, wire, url: urlOf(server), close };
  }
  const operations = await getHttpOperationsFromSpec(artifactPath(role));
  const prismServer = createPrismServer(operations, { cors: true, config: PRISM_CONFIG, components: prismComponents(operations) });
  const url = await prismServer.listen(port, host);
  return { role, wire, url, close: () => prismServer.close() };
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

export interface MocksOptions {
  host?: string;
  metaPort?: number;
  replicaPort?: number;
  /** Wire mode; it also starts a standby MetaServer that redirects to the primary one. */
  wire?: boolean;
  /** The standby MetaServer's port in wire mode (default 34602, as in a onebox cluster; 0 picks a free one). */
  standbyPort?: number;
}

export interface Mocks {
  meta: MockServer;
  replica: MockServer;
  /** In wire mode, a standby MetaServer whose primary is `meta`. */
  standby?: MockServer;
  close(): Promise<void>;
}

/** Starts the MetaServer and the ReplicaServer mocks side by side (and, in wire mode, a standby MetaServer). */
export async function startMocks(options: MocksOptions = {}): Promise<Mocks> {
  const { host, metaPort, replicaPort, wire, standbyPort = DEFAULT_STANDBY_PORT } = options;
  const started: MockServer[] = [];
  const close = async () => void (await Promise.all(started.map((mock) => mock.close())));
  try {
    const meta = await startMock({ role: 'meta-server', host, port: metaPort, wire });
    started.push(meta);
    const replica = await startMock({ role: 'replica-server', host, port: replicaPort, wire });
    started.push(replica);
    if (!wire) return { meta, replica, close };
    const standby = await startMock({ role: 'meta-server', host, port: standbyPort, wire, standbyOf: meta.url });
    started.push(standby);
    return { meta, replica, standby, close };
  } catch (error) {
    await close();
    throw error;
  }
}

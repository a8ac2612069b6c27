// The wire mode: a thin layer in front of Prism that answers as a Pegasus server does. It reads
// the request target as the server does, and answers itself what the server's framework answers
// (400 for a target it cannot parse, 404 for an unknown path, the closed connection on another
// method), what a standby MetaServer does instead of serving a call (standby.ts) and a POST to a
// call that refuses POST; the rest goes to Prism with the call's described method, and Prism's
// answer is written with the server's bytes. What it knows of each call comes from the spec
// package's operation index of the role in the release it mocks.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  documentedAnswer,
  type IndexedOperation,
  type OperationIndex,
  type PegasusTarget,
  parsePegasusTarget,
  requestParseErrorBody,
  serviceNotFoundBody,
  standbyLocation,
} from '@pegasus-http/spec';
import type { IHttpNameValue, IHttpRequest } from '@stoplight/prism-http';
import { closeServer, listen } from './listen.js';
import { wireBody, writeDocumentedAnswer, writePegasusResponse, writeProblem } from './pegasus-response.js';
import { readPreferences } from './preferences.js';
import { configFor, createPrism, type PrismInstance, type PrismOperations, prismOperations } from './prism.js';
import { type StandbyBehaviour, standbyBehaviours } from './standby.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface WireMock {
  index: OperationIndex;
  prism: PrismInstance;
  operations: PrismOperations;
  /** When this MetaServer is a standby: the primary's URL, and what it does with each call. */
  standby?: { primary: string; behaviours: Map<IndexedOperation, StandbyBehaviour> };
}

type ParsedTarget = Extract<PegasusTarget, { ok: true }>;

/**
 * Starts a wire-mode mock of the role and release of an operation index (Prism serves the index's
 * document); `standbyOf` makes a MetaServer a standby of the primary at that URL.
 */
export async function startWireServer(
  index: OperationIndex,
  host: string,
  port: number,
  standbyOf?: string,
): Promise<{ server: Server; close(): Promise<void> }> {
  const standby = standbyOf === undefined ? undefined : { primary: standbyOf, behaviours: standbyBehaviours(index) };
  const mock: WireMock = { index, prism: createPrism(), operations: await prismOperations(index.document), standby };
  const server = createServer((request, response) => {
    answer(mock, request, response).catch((error: Error) => {
      if (!response.headersSent) writePegasusResponse(response, 500, `mock error: ${error.message}`);
      else response.destroy();
    });
  });
  // Malformed HTTP gets no answer from Pegasus either: the connection is closed.
  server.on('clientError', (_error, socket) => socket.destroy());
  await listen(server, host, port);
  return { server, close: () => closeServer(server) };
}

async function answer(mock: WireMock, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A Pegasus server only speaks GET and POST; anything else gets no answer at all.
  if (request.method !== 'GET' && request.method !== 'POST') {
    request.socket.destroy();
    return;
  }
  const target = parsePegasusTarget(request.url ?? '/', mock.index.release);
  if (!target.ok) return writePegasusResponse(response, 400, requestParseErrorBody(target.error));
  const described = mock.index.atPath(`/${target.path}`);
  if (described.length === 0) return writePegasusResponse(response, 404, serviceNotFoundBody(target.path));
  // GET and POST reach the same handler, except where the description has both.
  const operation = described.find((candidate) => candidate.method === request.method) ?? (described[0] as IndexedOperation);
  if (answeredAsStandby(mock, operation, target, request, response)) return;
  if (request.method === 'POST' && operation.method !== 'POST' && operation.post)
    return answerRefusedPost(operation, operation.post, request, response);
  return answerFromPrism(mock, operation, target, request, response);
}

/**
 * What a standby does instead of serving the call, if anything: the 307 to the primary, its own
 * documented answer, or a crash (the connection closed without an answer; the mock keeps running).
 * False when it serves the call as any server does, or is no standby.
 */
function answeredAsStandby(
  mock: WireMock,
  operation: IndexedOperation,
  target: ParsedTarget,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const behaviour = mock.standby?.behaviours.get(operation);
  if (!mock.standby || !behaviour || behaviour.kind === 'serve') return false;
  if (behaviour.kind === 'crash') {
    request.socket.destroy();
    return true;
  }
  request.resume();
  if (behaviour.kind === 'answer') writeDocumentedAnswer(response, behaviour.status, behaviour);
  else writePegasusResponse(response, 307, '', standbyLocation(mock.standby.primary, target.path, target.query));
  return true;
}

/** A POST to a call that refuses it (`x-pegasus-post`) gets the documented answer it names. */
function answerRefusedPost(
  operation: IndexedOperation,
  post: { status: number; example: string },
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const { status, example } = post;
  const documented = documentedAnswer(operation, status, example);
  if (!documented) throw new Error(`${operation.operationId}: x-pegasus-post names ${status} ${example}, which is not documented`);
  request.resume();
  writeDocumentedAnswer(response, status, documented);
}

/** Prism's answer for the call, as the request prefers it, written with the server's bytes. */
async function answerFromPrism(
  mock: WireMock,
  operation: IndexedOperation,
  target: ParsedTarget,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  const preferred = readPreferences(request.headers.prefer, target.query);
  if (!preferred.ok) return writeProblem(response, preferred.problem);
  const input = prismInput(operation, target, request.headers, body);
  const result = await mock.prism.request(input, mock.operations, configFor(preferred.preferences))();
  if (result._tag === 'Left') {
    const problem = result.left as Error & { status?: number; detail?: string };
    return writeProblem(response, { status: problem.status, title: problem.message, detail: problem.detail });
  }
  const { statusCode, headers = {}, body: payload } = result.right.output;
  const contentType = headerOf(headers, 'content-type') ?? '';
  const media = operation.responses[String(statusCode)]?.media.find((candidate) => contentType.startsWith(candidate.mediaType));
  writePegasusResponse(response, statusCode, wireBody(media, payload), headerOf(headers, 'location'));
}

/**
 * The request as Prism reads it: the call's described method and the target as the server
 * decoded it. A Pegasus server reads a JSON body whatever its `Content-Type` says (`curl -d` sends
 * a form type), so a call with a JSON body gets the body parsed; a body that is not JSON goes to
 * Prism as text, and Prism answers it with the call's 400.
 */
function prismInput(operation: IndexedOperation, target: ParsedTarget, requestHeaders: IncomingHttpHeaders, body: Buffer): IHttpRequest {
  const headers = { ...requestHeaders } as IHttpNameValue;
  let parsed: unknown = body.length === 0 ? undefined : body.toString('utf8');
  if (parsed !== undefined && operation.request?.kind === 'json') {
    try {
      parsed = JSON.parse(parsed as string);
      headers['content-type'] = 'application/json';
    } catch {
      headers['content-type'] = 'text/plain';
    }
  }
  const method = operation.method === 'GET' ? 'get' : 'post';
  return { method, url: { path: `/${target.path}`, query: Object.fromEntries(target.query) }, headers, body: parsed };
}

function headerOf(headers: IHttpNameValue, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
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

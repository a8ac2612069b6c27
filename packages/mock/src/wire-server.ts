// The wire mode: a thin layer in front of Prism that answers as a Pegasus server does. It reads
// the request target as the server does, and answers itself what the server's framework answers
// (400 for a target it cannot parse, 404 for an unknown path, the closed connection on another
// method), what a standby MetaServer does instead of serving a call (standby.ts), a POST to a call
// that refuses POST, and a request that breaks one of its handler's checks (request-rules.ts); the
// rest goes to Prism (prism-answer.ts), whose answer is written with the server's bytes. What it
// knows of each call comes from the spec package's operation index of the role in the release it
// mocks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  documentedAnswer,
  type IndexedOperation,
  type IndexedRule,
  type OperationIndex,
  parsePegasusTarget,
  type RuleBreach,
  requestParseErrorBody,
  serviceNotFoundBody,
  standbyLocation,
} from '@pegasus-http/spec';
import { closeServer, listen, urlOf } from './listen.js';
import { writeDocumentedAnswer, writePegasusResponse } from './pegasus-response.js';
import { withoutPreferenceParameters } from './preferences.js';
import { createPrism, prismOperations } from './prism.js';
import { answerFromPrism, type PrismBackend } from './prism-answer.js';
import { breachOf, ruleAnswer } from './request-rules.js';
import { type StandbyBehaviour, standbyBehaviours } from './standby.js';
import { readBody, type WireCall } from './wire-call.js';

interface WireMock extends PrismBackend {
  index: OperationIndex;
  /** When this MetaServer is a standby: the primary's URL, and what it does with each call. */
  standby?: { primary: string; behaviours: Map<IndexedOperation, StandbyBehaviour> };
}

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
  const mock: WireMock = { index, prism: createPrism(), operations: await prismOperations(index.document), url: '', standby };
  const server = createServer((request, response) => {
    answer(mock, request, response).catch((error: Error) => {
      if (!response.headersSent) writePegasusResponse(response, 500, `mock error: ${error.message}`);
      else response.destroy();
    });
  });
  // Malformed HTTP gets no answer from Pegasus either: the connection is closed.
  server.on('clientError', (_error, socket) => socket.destroy());
  await listen(server, host, port);
  mock.url = urlOf(server);
  return { server, close: () => closeServer(server) };
}

async function answer(mock: WireMock, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A Pegasus server only speaks GET and POST; anything else gets no answer at all.
  if (request.method !== 'GET' && request.method !== 'POST') {
    request.socket.destroy();
    return;
  }
  const call = await readCall(mock.index, request, response);
  if (!call || answeredAsStandby(mock, call, response)) return;
  const { operation } = call;
  if (request.method === 'POST' && operation.method !== 'POST' && operation.post)
    return answerRefusedPost(operation, operation.post, response);
  const breach = breachOf(operation, call.handlerQuery, call.body.toString('utf8'));
  if (breach) return writeRuleAnswer(response, breach);
  return answerFromPrism(mock, call, response);
}

/**
 * The call a request makes, its body read; undefined when the framework has answered the request
 * itself: a target it cannot parse (400), a path no call is registered under (404).
 */
async function readCall(index: OperationIndex, request: IncomingMessage, response: ServerResponse): Promise<WireCall | undefined> {
  const target = parsePegasusTarget(request.url ?? '/', index.release);
  if (!target.ok) return void writePegasusResponse(response, 400, requestParseErrorBody(target.error));
  const described = index.atPath(`/${target.path}`);
  if (described.length === 0) return void writePegasusResponse(response, 404, serviceNotFoundBody(target.path));
  // GET and POST reach the same handler, except where the description has both.
  const operation = described.find((candidate) => candidate.method === request.method) ?? (described[0] as IndexedOperation);
  const handlerQuery = withoutPreferenceParameters(request.headers.prefer, target.query);
  return { request, operation, path: target.path, query: target.query, handlerQuery, body: await readBody(request) };
}

/** The answer of a check of the handler that the request fails, with the bytes the server writes for it. */
function writeRuleAnswer(response: ServerResponse, breach: RuleBreach<IndexedRule>): void {
  const { status, ...answer } = ruleAnswer(breach);
  writeDocumentedAnswer(response, status, answer);
}

/**
 * What a standby does instead of serving the call, if anything: first the checks it makes before
 * (`standby: first`), then the 307 to the primary, its own documented answer, or a crash (the
 * connection closed without an answer; the mock keeps running). False when it serves the call as
 * any server does, or is no standby.
 */
function answeredAsStandby(mock: WireMock, call: WireCall, response: ServerResponse): boolean {
  const behaviour = mock.standby?.behaviours.get(call.operation);
  if (!mock.standby || !behaviour || behaviour.kind === 'serve') return false;
  const breach = breachOf(call.operation, call.handlerQuery, call.body.toString('utf8'), true);
  if (breach) writeRuleAnswer(response, breach);
  else if (behaviour.kind === 'crash') call.request.socket.destroy();
  else if (behaviour.kind === 'answer') writeDocumentedAnswer(response, behaviour.status, behaviour);
  else writePegasusResponse(response, 307, '', standbyLocation(mock.standby.primary, call.path, call.query));
  return true;
}

/** A POST to a call that refuses it (`x-pegasus-post`) gets the documented answer it names. */
function answerRefusedPost(operation: IndexedOperation, post: { status: number; example: string }, response: ServerResponse): void {
  const { status, example } = post;
  const documented = documentedAnswer(operation, status, example);
  if (!documented) throw new Error(`${operation.operationId}: x-pegasus-post names ${status} ${example}, which is not documented`);
  writeDocumentedAnswer(response, status, documented);
}

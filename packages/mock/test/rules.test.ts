// In wire mode every call makes its handler's checks on the request (`x-pegasus-rules`, from the
// spec's operation index), as the server does. For every operation of every release and role, a
// request that breaks each rule (`requestBreaking`) gets exactly that rule's documented answer,
// byte for byte; a standby MetaServer makes the checks marked `standby: first` before it answers
// as a standby, and no other. Every operation's example request breaks none and gets its first
// success answer. Driven by the data: it holds whatever the rules say.
import {
  type IndexedOperation,
  type IndexedRule,
  operationIndex,
  RELEASES,
  type Release,
  ROLES,
  type RuleRequest,
  requestBreaking,
  standbyLocation,
} from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mocks, startMocks } from '../src/index.js';
import { declaredParameters } from '../src/request-rules.js';
import { type StandbyBehaviour, standbyBehaviour } from '../src/standby.js';
import { exampleCall, firstAnswer, targetOf, wireText } from './helpers.js';
import { rawRequest, untilClosed } from './raw-http.js';

/** What a wire mock answered: status, the headers a Pegasus server sends, and the body as text. */
interface Answer {
  status: number;
  type: string | null;
  length: string | null;
  location: string | null;
  text: string;
}

/** The answer a wire mock must send: the status, the server's label and length, and the text. */
function expected(status: number, text: string, location: string | null = null): Answer {
  return { status, type: 'text/plain', length: String(Buffer.byteLength(text)), location, text };
}

/** Sends a request of the operation (its method; a 307 comes back as it is). */
async function send(url: string, operation: IndexedOperation, request: RuleRequest): Promise<Answer> {
  const response = await fetch(`${url}${targetOf(operation.path, request.query)}`, {
    method: operation.method,
    redirect: 'manual',
    headers: request.body !== undefined && operation.request ? { 'Content-Type': operation.request.mediaType } : {},
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    type: header('content-type'),
    length: header('content-length'),
    location: header('location'),
    text: await response.text(),
  };
}

/** For each rule of the operation, a request that breaks it and no rule before it, made from the example request. */
function breakingRequests(operation: IndexedOperation, release: Release): { rule: IndexedRule; request: RuleRequest }[] {
  const valid = exampleCall(operation, release);
  return operation.rules.map((rule) => {
    const request = requestBreaking(rule, declaredParameters(operation), valid);
    if (!request) throw new Error(`${operation.operationId}: no request breaks ${rule.check} → ${rule.answer.example}`);
    return { rule, request };
  });
}

/** The documented answer of a rule: its example exactly, as the server writes its media. */
const ruleAnswerOf = (rule: IndexedRule) => expected(rule.answer.status, wireText(rule.answer.media, rule.answer.value));

/** What a standby answers to a request it does not check first: its 307 to the primary, or its own answer. */
function standbyAnswerOf(behaviour: StandbyBehaviour, operation: IndexedOperation, request: RuleRequest, primary: string): Answer {
  if (behaviour.kind === 'answer') return expected(behaviour.status, wireText(behaviour.media, behaviour.value));
  if (behaviour.kind === 'redirect') return expected(307, '', standbyLocation(primary, operation.path, request.query));
  throw new Error(`${operation.operationId}: a standby that does ${behaviour.kind} has no answer of its own`);
}

const named = (operations: IndexedOperation[]) => operations.map((operation) => [operation.operationId, operation] as const);

describe.each(RELEASES)('the %s wire mocks', (release) => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ release, metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());

  describe.each(ROLES)('%s', (role) => {
    const operations = operationIndex(role, release).operations;
    const url = () => (role === 'meta-server' ? mocks.meta : mocks.replica).url;

    it.each(named(operations.filter((operation) => operation.rules.length > 0)))(
      '%s: a request that breaks a rule gets its answer, byte for byte',
      async (_id, operation) => {
        for (const { rule, request } of breakingRequests(operation, release))
          expect(await send(url(), operation, request), `${rule.check} → ${rule.answer.example}`).toEqual(ruleAnswerOf(rule));
      },
    );

    it.each(named(operations))('%s: the example request breaks no rule, and gets the first success answer', async (_id, operation) => {
      const { status, media, value } = firstAnswer(operation);
      expect(await send(url(), operation, exampleCall(operation, release))).toEqual(expected(status, wireText(media, value)));
    });
  });

  it.each(named(operationIndex('meta-server', release).operations.filter((operation) => operation.rules.length > 0)))(
    '%s: the standby makes the checks it makes first, and answers the others as a standby',
    async (_id, operation) => {
      const behaviour = standbyBehaviour(operation);
      for (const { rule, request } of breakingRequests(operation, release)) {
        const name = `${rule.check} → ${rule.answer.example}`;
        const checkedFirst = behaviour.kind === 'serve' || rule.standby === 'first';
        if (!checkedFirst && behaviour.kind === 'crash') {
          const raw = rawRequest(operation.method, targetOf(operation.path, request.query), request.body);
          expect(await untilClosed(mocks.standby!.url, raw), name).toBe('');
          continue;
        }
        const answer = checkedFirst ? ruleAnswerOf(rule) : standbyAnswerOf(behaviour, operation, request, mocks.meta.url);
        expect(await send(mocks.standby!.url, operation, request), name).toEqual(answer);
      }
    },
  );
});

// The wire mode's standby MetaServer does with each call what the release's description says a
// standby does (`x-pegasus-standby`): the 307 to the primary, its own documented answer, or a
// crash, and otherwise serves the call as the primary does. Checked on each release's data as it
// stands, and on a copy of it marked with every kind, so that each kind is covered whatever the
// data holds today: there each marked call also has a check a standby makes first (it comes before
// the mark) and one it does not (the mark comes before it). Which checks of the real data a
// standby makes first is in rules.test.ts.
import {
  buildOperationIndex,
  type DocumentedAnswer,
  documentedAnswers,
  type IndexedOperation,
  listOperations,
  loadDocument,
  operationIndex,
  parsePegasusTarget,
  RELEASES,
  standbyLocation,
} from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mocks, startMocks } from '../src/index.js';
import { urlOf } from '../src/listen.js';
import { type StandbyBehaviour, standbyBehaviour } from '../src/standby.js';
import { startWireServer } from '../src/wire-server.js';
import { exampleTarget, wireText } from './helpers.js';
import { rawRequest, untilClosed } from './raw-http.js';

/** The operation's example request, sent with fetch; a 307 comes back as it is. */
async function send(url: string, operation: IndexedOperation): Promise<{ status: number; text: string; location: string | null }> {
  const { target, body, contentType } = exampleTarget(operation);
  const response = await fetch(`${url}${target}`, {
    method: operation.method,
    redirect: 'manual',
    headers: contentType ? { 'Content-Type': contentType } : {},
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

/** What the standby must answer to the operation's example request, when it answers at all. */
async function expectedOf(behaviour: StandbyBehaviour, operation: IndexedOperation, primary: string) {
  if (behaviour.kind === 'redirect') {
    const target = parsePegasusTarget(exampleTarget(operation).target);
    if (!target.ok) throw new Error(target.error);
    return { status: 307, text: '', location: standbyLocation(primary, target.path, target.query) };
  }
  if (behaviour.kind === 'answer') return { status: behaviour.status, text: wireText(behaviour.media, behaviour.value), location: null };
  return send(primary, operation);
}

/** The standby answers the operation's example request as its behaviour says; after a crash, it still answers. */
async function expectStandbyFollows(behaviour: StandbyBehaviour, operation: IndexedOperation, standby: string, primary: string) {
  if (behaviour.kind === 'crash') {
    expect(await untilClosed(standby, rawRequest(operation.method, exampleTarget(operation).target, exampleTarget(operation).body))).toBe(
      '',
    );
    expect((await fetch(`${standby}/`)).status).toBe(200);
    return;
  }
  expect(await send(standby, operation)).toEqual(await expectedOf(behaviour, operation, primary));
}

describe.each(RELEASES)('the standby MetaServer of the %s wire mocks', (release) => {
  const operations = operationIndex('meta-server', release).operations;
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true, release });
  });
  afterAll(async () => mocks.close());

  it('is a mock of the release', () => {
    expect([mocks.meta.release, mocks.replica.release, mocks.standby?.release]).toEqual([release, release, release]);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    'does with %s what the release says',
    async (_name, operation) => {
      await expectStandbyFollows(standbyBehaviour(operation), operation, mocks.standby!.url, mocks.meta.url);
    },
  );
});

/**
 * Rules for a marked call: an unknown parameter checked first by a standby, then a parameter count
 * no request meets, checked by the primary only; both answered with the last documented answer
 * other than the 307 (not the one the standby's mark names).
 */
function markedRules(answers: DocumentedAnswer[], mark: DocumentedAnswer | undefined) {
  const answer = answers.filter((a) => a.status !== 307 && a !== mark).at(-1);
  if (!answer) throw new Error(`${answers[0]?.operation.operationId} documents no answer for a rule`);
  const named = { status: answer.status, example: answer.example };
  return [
    { check: 'unknown-parameter', standby: 'first', answer: named },
    { check: 'parameter-count', count: 99, answer: named },
  ];
}

/** Master's MetaServer document with the calls a standby does not serve marked: the first redirected, the second answered, the third crashing, the fourth served; each with the rules above. */
function markedDocument() {
  const document = structuredClone(loadDocument('meta-server'));
  const index = operationIndex('meta-server');
  const [redirected, answered, crashing, served] = listOperations(document).filter((entry) => index.byId(entry.operationId).redirects);
  if (!redirected || !answered || !crashing || !served) throw new Error("master's MetaServer documents fewer than four 307s");
  const answersOf = (id: string) => documentedAnswers(index).filter((a) => a.operation.operationId === id);
  const answer = answersOf(answered.operationId).find((a) => a.status !== 307);
  if (!answer) throw new Error(`${answered.operationId} documents no answer but its 307`);
  redirected.operation['x-pegasus-standby'] = 'redirect';
  answered.operation['x-pegasus-standby'] = { status: answer.status, example: answer.example };
  crashing.operation['x-pegasus-standby'] = 'crash';
  delete served.operation['x-pegasus-standby'];
  delete served.operation.responses['307'];
  for (const entry of [redirected, answered, crashing, served])
    entry.operation['x-pegasus-rules'] = markedRules(answersOf(entry.operationId), answer);
  return { document, ids: [redirected, answered, crashing, served].map((entry) => entry.operationId) };
}

describe('a standby MetaServer, on a description marked with every kind of x-pegasus-standby', () => {
  const { document, ids } = markedDocument();
  const index = buildOperationIndex('meta-server', document);
  const servers: { close(): Promise<void> }[] = [];
  let primary: string;
  let standby: string;
  beforeAll(async () => {
    const started = [await startWireServer(index, '127.0.0.1', 0)];
    primary = urlOf(started[0]!.server);
    started.push(await startWireServer(index, '127.0.0.1', 0, primary));
    standby = urlOf(started[1]!.server);
    servers.push(...started);
  });
  afterAll(async () => void (await Promise.all(servers.map((server) => server.close()))));

  it('reads each mark', () => {
    expect(ids.map((id) => standbyBehaviour(index.byId(id)).kind)).toEqual(['redirect', 'answer', 'crash', 'serve']);
  });

  it.each(ids)('follows the mark of %s', async (id) => {
    const operation = index.byId(id);
    await expectStandbyFollows(standbyBehaviour(operation), operation, standby, primary);
  });

  it.each(ids)('makes the check of %s marked `standby: first` before what its mark says', async (id) => {
    const operation = index.byId(id);
    const { target, body, contentType } = exampleTarget(operation);
    const response = await fetch(`${standby}${target}${target.includes('?') ? '&' : '?'}zz=1`, {
      method: operation.method,
      redirect: 'manual',
      headers: contentType ? { 'Content-Type': contentType } : {},
      ...(body !== undefined ? { body } : {}),
    });
    const rule = operation.rules[0]!;
    expect([response.status, await response.text()]).toEqual([rule.answer.status, wireText(rule.answer.media, rule.answer.value)]);
  });

  it('refuses to start on a mark that names no documented answer, or is none of the kinds', async () => {
    for (const mark of [{ status: 200, example: 'no such example' }, 'sometimes', { status: '200', example: 'x' }]) {
      const bad = structuredClone(document);
      listOperations(bad)[0]!.operation['x-pegasus-standby'] = mark;
      const badIndex = buildOperationIndex('meta-server', bad);
      await expect(startWireServer(badIndex, '127.0.0.1', 0, primary)).rejects.toThrow(/x-pegasus-standby is .*, not redirect, crash/);
    }
  });
});

describe('standbyBehaviour without a mark', () => {
  it('reads a documented 307 as a redirect, and its absence as a call the standby serves', () => {
    const index = operationIndex('meta-server');
    const unmarked = (operation: IndexedOperation) => {
      const { 'x-pegasus-standby': _mark, ...rest } = operation.operation;
      return standbyBehaviour({ ...operation, operation: rest }).kind;
    };
    const kinds = index.operations.map((operation) => [operation.redirects, unmarked(operation)]);
    expect(kinds).toContainEqual([true, 'redirect']);
    expect(kinds).toContainEqual([false, 'serve']);
    expect(kinds.filter(([redirects, kind]) => (redirects ? kind !== 'redirect' : kind !== 'serve'))).toEqual([]);
  });
});

// Every documented status and named example of every operation of every release is reachable
// through Prism's Prefer header, in the default mode (as Prism serves it) and in wire mode (as
// Pegasus sends it), asked with the operation's example request, which breaks none of its
// handler's checks.

import { listOperations, loadDocument, parsePegasusTarget, RELEASES, ROLES, standbyLocation } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMock } from '../src/index.js';
import { answerName, answersOf, type DocumentedAnswer, exampleTarget, plainText, wireText } from './helpers.js';

async function ask(mock: MockServer, answer: DocumentedAnswer): Promise<Response> {
  const { target, body, contentType } = exampleTarget(answer.operation);
  return fetch(`${mock.url}${target}`, {
    method: answer.operation.method,
    // A 307 must come back as it is, not be followed to the primary it names.
    redirect: 'manual',
    headers: {
      Prefer: `code=${answer.status}, example=${answer.example}`,
      Accept: answer.media.mediaType,
      ...(contentType ? { 'Content-Type': contentType } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
}

/**
 * The headers the wire mode sends with a documented answer: the documented examples, except the
 * `Location` of a 307, which the server builds from the request (its path and parameters as
 * decoded), at the primary: the mock asked, here.
 */
function wireHeaders(mock: MockServer, answer: DocumentedAnswer): Record<string, string> {
  if (answer.status !== 307) return answer.headers;
  const target = parsePegasusTarget(exampleTarget(answer.operation).target, mock.release);
  if (!target.ok) throw new Error(target.error);
  return { ...answer.headers, Location: standbyLocation(mock.url, target.path, target.query) };
}

const cases = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));

describe.each(cases)('%s %s mock', (release, role) => {
  const answers = answersOf(role, release);
  const mocks: Record<'prism' | 'wire', MockServer | undefined> = { prism: undefined, wire: undefined };

  beforeAll(async () => {
    mocks.prism = await startMock({ role, release, port: 0 });
    mocks.wire = await startMock({ role, release, port: 0, wire: true });
  });
  afterAll(async () => {
    await mocks.prism?.close();
    await mocks.wire?.close();
  });

  it('documents answers for every operation', () => {
    const operations = new Set(answers.map((a) => a.operation.operationId));
    expect(operations.size).toBe(new Set(listOperations(loadDocument(role, 'openapi.json', release)).map((o) => o.operationId)).size);
  });

  it.each(answers.map((a) => [answerName(a), a] as const))('serves %s', async (_name, answer) => {
    const response = await ask(mocks.prism!, answer);
    expect(response.status).toBe(answer.status);
    expect(response.headers.get('content-type')).toContain(answer.media.mediaType);
    for (const [name, value] of Object.entries(answer.headers)) expect(response.headers.get(name), name).toBe(value);
    if (answer.media.mediaType === 'application/json') expect(await response.json()).toEqual(answer.value);
    else expect(await response.text()).toBe(plainText(answer.value));
  });

  it.each(answers.map((a) => [answerName(a), a] as const))('wire mode sends %s as Pegasus does', async (_name, answer) => {
    const response = await ask(mocks.wire!, answer);
    expect(response.status).toBe(answer.status);
    expect(response.headers.get('content-type')).toBe('text/plain');
    for (const [name, value] of Object.entries(wireHeaders(mocks.wire!, answer))) expect(response.headers.get(name), name).toBe(value);
    const bytes = Buffer.from(await response.arrayBuffer());
    const expected = wireText(answer.media, answer.value);
    expect(bytes.toString('utf8')).toBe(expected);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
  });
});

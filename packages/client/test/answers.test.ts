// Every documented answer of every operation of both roles (each status, media type and named
// example), asked of the mocks through the typed clients with Prism's Prefer header: a success body
// must come back in `data` as the example, an error body in `error`, both on the client's direct
// path and on openapi-fetch's own (which a client takes once middleware is registered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadDocument, resolveRef, ROLES, type JsonObject, type Role } from '@pegasus-http/spec';
import { startMocks } from '@pegasus-http/mock';
import { createMetaServerClient, createReplicaServerClient } from '../src/index.js';

interface Answer {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  status: number;
  mediaType: string;
  example: string;
  value: unknown;
  request: { query?: Record<string, unknown>; body?: unknown };
}

/** Each documented answer, with a request the description calls valid (parameters and body from their examples). */
function answers(role: Role): Answer[] {
  const document = loadDocument(role);
  const list: Answer[] = [];
  for (const { operationId, method, path, operation } of listOperations(document)) {
    const query: Record<string, unknown> = {};
    for (const reference of (operation.parameters ?? []) as unknown[]) {
      const parameter = resolveRef<JsonObject>(document, reference);
      if (parameter.in === 'query' && parameter.example !== undefined) query[String(parameter.name)] = parameter.example;
    }
    let body: unknown;
    if (operation.requestBody) {
      const media = Object.values(resolveRef<JsonObject>(document, operation.requestBody).content as Record<string, JsonObject>)[0]!;
      body = resolveRef<JsonObject>(document, Object.values(media.examples as object)[0]).value;
    }
    for (const [status, reference] of Object.entries(operation.responses)) {
      if (status === 'default') continue;
      for (const [mediaType, media] of Object.entries((resolveRef<JsonObject>(document, reference).content ?? {}) as Record<string, JsonObject>)) {
        for (const [example, ref] of Object.entries((media.examples ?? {}) as Record<string, unknown>)) {
          list.push({ operationId, method: method.toUpperCase() as Answer['method'], path, status: Number(status), mediaType, example, value: resolveRef<JsonObject>(document, ref).value, request: { query, ...(body !== undefined ? { body } : {}) } });
        }
      }
    }
  }
  return list;
}

/** What the client gives back for a documented example: JSON as it is, text as text (the CPU profile as a binary string). */
function expectedResult(answer: Answer): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.value;
  // openapi-fetch reads an error body as text, then as JSON when it parses; an empty body is undefined.
  if (answer.value === '') return undefined;
  if (typeof answer.value !== 'string') return answer.value;
  try {
    return JSON.parse(answer.value);
  } catch {
    return answer.value;
  }
}

let mocks: Awaited<ReturnType<typeof startMocks>>;
beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
});
afterAll(async () => mocks.close());

describe.each(ROLES)('every documented %s answer, through the client', (role) => {
  const list = answers(role);

  it('covers every operation of the role', () => {
    expect(new Set(list.map((a) => a.operationId))).toEqual(new Set(listOperations(loadDocument(role)).map((o) => o.operationId)));
  });

  it.each(list.map((a) => [`${a.method} ${a.path} ${a.status} ${a.mediaType} ${a.example}`, a] as const))('%s', async (_name, answer) => {
    const baseUrl = role === 'meta-server' ? mocks.meta.url : mocks.replica.url;
    // The generic call below cannot be typed per operation; the typed calls are in the other tests.
    type Untyped = {
      GET(path: string, init: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
      POST(path: string, init: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
      use(...middleware: object[]): void;
    };
    const make = () => (role === 'meta-server' ? createMetaServerClient({ baseUrl }) : createReplicaServerClient({ baseUrl })) as unknown as Untyped;
    const direct = make();
    const throughOpenapiFetch = make();
    let handed: unknown;
    throughOpenapiFetch.use({ onRequest: ({ request }: { request: Request }) => void (handed = request) });
    for (const client of [direct, throughOpenapiFetch]) {
      const result = await client[answer.method](answer.path, {
        params: { query: answer.request.query },
        ...(answer.request.body !== undefined ? { body: answer.request.body } : {}),
        headers: { Prefer: `code=${answer.status}, example=${answer.example}`, Accept: answer.mediaType },
        // A 307 must come back as it is, not be followed to the primary it names.
        redirect: 'manual',
      });
      expect(result.response.status).toBe(answer.status);
      if (answer.status >= 200 && answer.status < 300) expect(result.data).toEqual(expectedResult(answer));
      else expect(result.error).toEqual(expectedResult(answer));
    }
    // The middleware ran, and was handed a real Request.
    expect(handed).toBeInstanceOf(Request);
  });
});

// Every documented answer of every operation of both roles (each status, media type and named
// example, as the spec's documentedAnswers walks them), asked of the mocks through the typed
// clients with Prism's Prefer header and a request the description calls valid (exampleRequest):
// a success body must come back in `data` as the example, an error body in `error`.

import { startMocks } from '@pegasus-http/mock';
import { documentedAnswers, exampleRequest, operationIndex, ROLES } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetaServerClient, createReplicaServerClient } from '../src/index.js';
import { expectedResult } from './documented.js';

// The generic call below cannot be typed per operation; the typed calls are in the other tests.
type CallResult = { data?: unknown; error?: unknown; response: Response };
type Untyped = {
  GET(path: string, init: object): Promise<CallResult>;
  POST(path: string, init: object): Promise<CallResult>;
  use(...middleware: object[]): void;
};

let mocks: Awaited<ReturnType<typeof startMocks>>;
beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
});
afterAll(async () => mocks.close());

const clientOf = (role: (typeof ROLES)[number]) =>
  (role === 'meta-server'
    ? createMetaServerClient({ baseUrl: mocks.meta.url })
    : createReplicaServerClient({ baseUrl: mocks.replica.url })) as unknown as Untyped;

describe.each(ROLES)('every documented %s answer, through the client', (role) => {
  const index = operationIndex(role);
  const answers = documentedAnswers(index);

  it('covers every operation of the role', () => {
    expect(new Set(answers.map((a) => a.operation.operationId))).toEqual(new Set(index.operations.map((o) => o.operationId)));
  });

  it.each(answers.map((a) => [`${a.operation.method} ${a.operation.path} ${a.status} ${a.media.mediaType} ${a.example}`, a] as const))(
    '%s',
    async (_name, answer) => {
      const { query, body } = exampleRequest(answer.operation);
      const result = await clientOf(role)[answer.operation.method](answer.operation.path, {
        params: { query },
        ...(body !== undefined ? { body } : {}),
        headers: { Prefer: `code=${answer.status}, example=${answer.example}`, Accept: answer.media.mediaType },
        // A 307 must come back as it is, not be followed to the primary it names.
        redirect: 'manual',
      });
      expect(result.response.status).toBe(answer.status);
      if (answer.status >= 200 && answer.status < 300) expect(result.data).toEqual(expectedResult(answer));
      else expect(result.error).toEqual(expectedResult(answer));
    },
  );
});

describe('middleware', () => {
  it("is openapi-fetch's: handed a real Request, before the transport sends it", async () => {
    const client = clientOf('replica-server');
    const handed: unknown[] = [];
    client.use({
      onRequest: ({ request }: { request: Request }) => void handed.push(request),
      onResponse: ({ response }: { response: Response }) => void handed.push(response),
    });
    const { data } = await client.GET('/version', {});
    expect(data).toMatchObject({ Version: '2.6.0-SNAPSHOT' });
    expect(handed[0]).toBeInstanceOf(Request);
    expect((handed[0] as Request).url).toBe(`${mocks.replica.url}/version`);
    expect(handed[1]).toBeInstanceOf(Response);
  });
});

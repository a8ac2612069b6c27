// A client of each release behaves as that release's description says, whatever the releases
// hold: every documented answer of the release (served byte for byte, labelled as the server
// labels it, by a fetch that stands in for the server) comes back as described, text as text and
// JSON as JSON; a read the release's index calls retryable is sent again after a network failure,
// any other call once; and the views decode every read from that release's examples.
import {
  type DocumentedAnswer,
  documentedAnswers,
  exampleRequest,
  type IndexedOperation,
  operationIndex,
  RELEASES,
  type Release,
  ROLES,
  type Role,
} from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import {
  createMetaServerClient,
  createReplicaServerClient,
  metaServerViews,
  PegasusNetworkError,
  replicaServerViews,
} from '../src/index.js';
import { documentedResponse, expectedResult } from './documented.js';

type CallResult = { data?: unknown; error?: unknown; response: Response };
type Untyped = { GET(path: string, init?: object): Promise<CallResult>; POST(path: string, init?: object): Promise<CallResult> };

/** A client of a role in a release whose requests `fetch` answers, as an untyped caller sees it. */
function clientOf(role: Role, release: Release, fetch: (request: Request) => Promise<Response>): Untyped {
  const options = { baseUrl: 'http://127.0.0.1:9', release, fetch, timeoutMs: 0 };
  return (role === 'meta-server' ? createMetaServerClient(options) : createReplicaServerClient(options)) as unknown as Untyped;
}

/** The request the description calls valid for an operation, as openapi-fetch's init. */
function exampleInit(operation: IndexedOperation): object {
  const { query, body } = exampleRequest(operation);
  return { params: { query }, ...(body !== undefined ? { body } : {}) };
}

const CASES = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));

describe.each(CASES)('a %s %s client', (release, role) => {
  const index = operationIndex(role, release);
  const answers = documentedAnswers(index);

  it('has answers to read', () => expect(answers.length).toBeGreaterThanOrEqual(index.operations.length));

  it.each(answers.map((a) => [`${a.operation.method} ${a.operation.path} ${a.status} ${a.media.mediaType} ${a.example}`, a] as const))(
    'reads %s as described',
    async (_name, answer: DocumentedAnswer) => {
      const client = clientOf(role, release, async () => documentedResponse(answer));
      // A 307 must come back as it is, not be followed.
      const result = await client[answer.operation.method](answer.operation.path, { ...exampleInit(answer.operation), redirect: 'manual' });
      expect(result.response.status).toBe(answer.status);
      if (answer.status >= 200 && answer.status < 300) expect(result.data).toEqual(expectedResult(answer));
      else expect(result.error).toEqual(expectedResult(answer));
    },
  );

  it('sends a read again after a network failure, and any other call once', async () => {
    for (const operation of index.operations) {
      let sent = 0;
      const client = clientOf(role, release, async () => {
        sent++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      });
      const error = await client[operation.method](operation.path, exampleInit(operation)).catch((e: unknown) => e);
      expect(error, operation.operationId).toBeInstanceOf(PegasusNetworkError);
      expect(sent, operation.operationId).toBe(operation.retryable ? 2 : 1);
    }
  });
});

/** A fetch that answers each request with the first example of its operation's 200 in a release. */
function firstExamples(role: Role, release: Release): (request: Request) => Promise<Response> {
  const index = operationIndex(role, release);
  const answers = documentedAnswers(index).filter((a) => a.status === 200);
  return async (request) => {
    const operation = index.find(request.method, new URL(request.url).pathname);
    const answer = answers.find((a) => a.operation === operation);
    return answer ? documentedResponse(answer) : new Response('no example', { status: 599 });
  };
}

describe.each(RELEASES)('the views of a %s client', (release) => {
  it('decode every MetaServer read from its examples', async () => {
    const client = createMetaServerClient({ baseUrl: 'http://127.0.0.1:9', release, fetch: firstExamples('meta-server', release) });
    const views = metaServerViews(client, { serverTimeZone: 'UTC' });
    const reads = [
      views.version(),
      views.startTime(),
      views.flag('config_sync_interval_ms'),
      views.flags(),
      views.tables(),
      views.table('temp'),
      views.nodes(),
      views.cluster(),
      views.tableEnvs('temp'),
    ];
    for (const decoded of await Promise.all(reads)) expect(decoded).toBeDefined();
    expect((await views.tables()).tables.length).toBeGreaterThan(0);
  });

  it('decode every ReplicaServer read from its examples', async () => {
    const client = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:9', release, fetch: firstExamples('replica-server', release) });
    const views = replicaServerViews(client);
    const reads = [
      views.version(),
      views.startTime(),
      views.flags(),
      views.dataVersions(2),
      views.duplications(2),
      views.manualCompaction(2),
    ];
    for (const decoded of await Promise.all(reads)) expect(decoded).toBeDefined();
    expect(client.release).toBe(release);
  });
});

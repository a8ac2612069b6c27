// Leader handling, failover, time limits, typed errors and retries, against the mocks (a primary
// and a standby MetaServer in wire mode), small servers that misbehave on purpose, and a fetch
// that answers only when told (time limits are tested with fake timers, never against the clock).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Mocks, startMocks } from '@pegasus-http/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMetaServerClient,
  createReplicaServerClient,
  PegasusNetworkError,
  PegasusRedirectError,
  PegasusTimeoutError,
} from '../src/index.js';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server whose every request is handled by `handle`; counts the requests it gets. */
async function serve(
  handle: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, count: number) => void,
): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const server = createServer((request, response) => handle(request, response, ++count));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
}

describe('a MetaServer client built from the list of MetaServers', () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true });
  });
  afterAll(async () => mocks.close());

  it("follows a standby's 307 to the primary, and asks the primary first from then on", async () => {
    const seen: string[] = [];
    const meta = createMetaServerClient({
      baseUrl: [mocks.standby!.url, mocks.meta.url],
      fetch: (request) => {
        seen.push(request.url);
        return fetch(request);
      },
    });
    const first = await meta.GET('/meta/cluster');
    expect(first.response.status).toBe(200);
    expect(first.data?.meta_function_level).toBe('steady');
    expect(seen).toEqual([`${mocks.standby!.url}/meta/cluster`, `${mocks.meta.url}/meta/cluster`]);
    expect(meta.server()).toBe(mocks.meta.url);
    await meta.GET('/meta/apps');
    expect(seen.at(-1)).toBe(`${mocks.meta.url}/meta/apps`);
    expect(seen).toHaveLength(3);
  });

  it('keeps the method and the body through the redirect', async () => {
    const meta = createMetaServerClient({ baseUrl: mocks.standby!.url });
    const { data } = await meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'bulk_load' } });
    expect(data).toEqual({ error: 'ERR_OK', hint_message: '' });
  });

  it('keeps them when middleware is registered, which sees the one request made', async () => {
    const meta = createMetaServerClient({ baseUrl: [mocks.standby!.url, mocks.meta.url] });
    const methods: string[] = [];
    meta.use({ onRequest: ({ request }) => void methods.push(request.method) });
    const { data } = await meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'bulk_load' } });
    expect(data).toEqual({ error: 'ERR_OK', hint_message: '' });
    expect(methods).toEqual(['POST']);
    expect(meta.server()).toBe(mocks.meta.url);
  });

  it('moves on to the next server when one cannot be reached', async () => {
    const down = await closedPort();
    const meta = createMetaServerClient({ baseUrl: [down, mocks.meta.url] });
    expect((await meta.GET('/version')).response.status).toBe(200);
    expect(meta.server()).toBe(mocks.meta.url);
  });

  it('returns the 307 as it is when the call asks not to follow', async () => {
    const meta = createMetaServerClient({ baseUrl: mocks.standby!.url });
    const { response } = await meta.GET('/meta/nodes', { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${mocks.meta.url}/meta/nodes`);
  });
});

describe('redirects that do not end', () => {
  it('stops at a loop', async () => {
    const loop = await serve((request, response) =>
      response.writeHead(307, { Location: `http://127.0.0.1:${request.socket.localPort}${request.url}` }).end(),
    );
    const meta = createMetaServerClient({ baseUrl: loop.url });
    await expect(meta.GET('/meta/cluster')).rejects.toThrow(PegasusRedirectError);
    await expect(meta.GET('/meta/cluster')).rejects.toThrow(/redirect loop: .*\/meta\/cluster -> .*\/meta\/cluster/);
  });

  it('stops after maxRedirects hops', async () => {
    const hops = await serve((request, response) => {
      const n = Number(new URL(request.url!, 'http://x').searchParams.get('n') ?? 0);
      response.writeHead(307, { Location: `/meta/cluster?n=${n + 1}` }).end();
    });
    const meta = createMetaServerClient({ baseUrl: hops.url, maxRedirects: 3 });
    const error = await meta.GET('/meta/cluster').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusRedirectError);
    expect((error as PegasusRedirectError).chain).toHaveLength(5);
    expect(hops.requests()).toBe(4);
  });
});

/**
 * A fetch whose requests wait until the test answers them, or until their signal aborts: a server
 * that answers on explicit events, so that time limits can be tested with fake timers on any load.
 */
function pendingFetch() {
  const requests: Request[] = [];
  const answers: ((response: Response) => void)[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const fetch = (request: Request) => {
    requests.push(request);
    for (const waiter of waiting.filter((w) => requests.length >= w.count)) waiter.resolve();
    return new Promise<Response>((resolve, reject) => {
      answers.push(resolve);
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
    });
  };
  return {
    fetch,
    requests,
    /** Resolves once `count` requests have been sent. */
    sent: (count: number) => new Promise<void>((resolve) => (requests.length >= count ? resolve() : waiting.push({ count, resolve }))),
    /** Answers the `n`th request (from 1) with the MetaServer's /version. */
    answer: (n: number) =>
      answers[n - 1]!(
        new Response('{"Version":"2.6.0-SNAPSHOT","GitCommit":"non-git-repo"}\n', { headers: { 'Content-Type': 'text/plain' } }),
      ),
  };
}

describe('time limits (fake timers, requests answered on explicit events)', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('gives up after timeoutMs with a PegasusTimeoutError, retrying a read once', async () => {
    const server = pendingFetch();
    const replica = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:34801', fetch: server.fetch, timeoutMs: 200 });
    const call = replica.GET('/version').catch((e: unknown) => e);
    await server.sent(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await server.sent(2);
    await vi.advanceTimersByTimeAsync(200);
    const error = await call;
    expect(error).toBeInstanceOf(PegasusTimeoutError);
    expect((error as PegasusTimeoutError).server).toBe('http://127.0.0.1:34801');
    expect(server.requests).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never sends a call that changes state again after a timeout', async () => {
    const server = pendingFetch();
    const meta = createMetaServerClient({ baseUrl: 'http://127.0.0.1:34601', fetch: server.fetch, timeoutMs: 200 });
    const call = meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'normal' } }).catch((e: unknown) => e);
    await server.sent(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(await call).toBeInstanceOf(PegasusTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("stops the limit's timer as soon as the call is over", async () => {
    const server = pendingFetch();
    const replica = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:34801', fetch: server.fetch });
    const call = replica.GET('/version');
    await server.sent(1);
    expect(vi.getTimerCount()).toBe(1);
    server.answer(1);
    expect((await call).data).toEqual({ Version: '2.6.0-SNAPSHOT', GitCommit: 'non-git-repo' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets no limit with timeoutMs: 0', async () => {
    const server = pendingFetch();
    const replica = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:34801', fetch: server.fetch, timeoutMs: 0 });
    const call = replica.GET('/version');
    await server.sent(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    server.answer(1);
    expect((await call).response.status).toBe(200);
  });

  it('lets a call set its own limit with a signal, and then does not retry it', async () => {
    const server = pendingFetch();
    const replica = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:34801', fetch: server.fetch, timeoutMs: 100 });
    // The call's own signal replaces the client's limit: no timer, however long it takes.
    const patient = replica.GET('/version', { signal: new AbortController().signal });
    await server.sent(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    server.answer(1);
    expect((await patient).data).toEqual({ Version: '2.6.0-SNAPSHOT', GitCommit: 'non-git-repo' });
    // Its running out is a PegasusTimeoutError, and the call is not sent again.
    const own = new AbortController();
    const late = replica.GET('/version', { signal: own.signal }).catch((e: unknown) => e);
    await server.sent(2);
    own.abort(new DOMException("the caller's limit", 'TimeoutError'));
    expect(await late).toBeInstanceOf(PegasusTimeoutError);
    // A plain abort is the caller's: it comes back as it is.
    const cancelled = new AbortController();
    const dropped = replica.GET('/version', { signal: cancelled.signal }).catch((e: unknown) => e);
    await server.sent(3);
    cancelled.abort();
    expect(await dropped).toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(3);
  });
});

describe("a call's own fetch", () => {
  it("sends that call's requests in place of the client's, still through the transport", async () => {
    const seen: string[] = [];
    const own = async (request: Request) => {
      seen.push(`${request.method} ${request.url} ${await request.text()}`);
      if (request.url.startsWith('http://10.0.0.1:'))
        return new Response(null, { status: 307, headers: { Location: 'http://10.0.0.2:34601/meta/app/usage_scenario' } });
      return new Response('{"error":"ERR_OK","hint_message":""}\n', { headers: { 'Content-Type': 'text/plain' } });
    };
    const meta = createMetaServerClient({
      baseUrl: 'http://10.0.0.1:34601',
      fetch: () => Promise.reject(new Error("the client's fetch was used")),
    });
    const { data } = await meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'normal' }, fetch: own });
    expect(data).toEqual({ error: 'ERR_OK', hint_message: '' });
    const body = '{"app_name":"temp","scenario":"normal"}';
    expect(seen).toEqual([
      `POST http://10.0.0.1:34601/meta/app/usage_scenario ${body}`,
      `POST http://10.0.0.2:34601/meta/app/usage_scenario ${body}`,
    ]);
    expect(meta.server()).toBe('http://10.0.0.2:34601');
  });
});

describe('network failures and retries', () => {
  it('retries a read once after the connection was dropped', async () => {
    const flaky = await serve((request, response, count) => {
      if (count === 1) return request.socket.destroy();
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('{"RecentStartTime":"2024-05-20 14:03:11"}\n');
    });
    const replica = createReplicaServerClient({ baseUrl: flaky.url });
    expect((await replica.GET('/recentStartTime')).data).toEqual({ RecentStartTime: '2024-05-20 14:03:11' });
    expect(flaky.requests()).toBe(2);
  });

  it.each([
    [
      'a POST',
      (url: string) =>
        createMetaServerClient({ baseUrl: url }).POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'normal' } }),
    ],
    [
      '/updateConfig, which changes state',
      (url: string) =>
        createReplicaServerClient({ baseUrl: url }).GET('/updateConfig', {
          params: { query: { flag: { config_sync_interval_ms: '20000' } } },
        }),
    ],
    ['a profiler', (url: string) => createReplicaServerClient({ baseUrl: url }).GET('/pprof/growth')],
  ])('never sends %s twice', async (_name, call) => {
    const dropping = await serve((request) => request.socket.destroy());
    await expect(call(dropping.url)).rejects.toThrow(PegasusNetworkError);
    expect(dropping.requests()).toBe(1);
  });

  it('throws a PegasusNetworkError naming every server tried when none can be reached', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    const error = await createMetaServerClient({ baseUrl: [a, b], retries: 0 })
      .GET('/version')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusNetworkError);
    expect((error as PegasusNetworkError).servers).toEqual([a, b]);
    expect((error as PegasusNetworkError).code).toBe('ECONNREFUSED');
  });
});

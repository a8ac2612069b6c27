// Leader handling, failover, time limits, typed errors and retries, against the mocks (a primary
// and a standby MetaServer in wire mode) and small servers that misbehave on purpose.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMocks, type Mocks } from '@pegasus-http/mock';
import { createMetaServerClient, createReplicaServerClient, PegasusNetworkError, PegasusRedirectError, PegasusTimeoutError } from '../src/index.js';

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
async function serve(handle: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, count: number) => void): Promise<{ url: string; requests: () => number }> {
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

  it('follows a standby\'s 307 to the primary, and asks the primary first from then on', async () => {
    const seen: string[] = [];
    const meta = createMetaServerClient({ baseUrl: [mocks.standby!.url, mocks.meta.url], fetch: (request) => (seen.push(request.url), fetch(request)) });
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

  it('keeps them on openapi-fetch\'s own path too, once middleware is registered', async () => {
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
    const loop = await serve((request, response) => response.writeHead(307, { Location: `http://127.0.0.1:${(request.socket.localPort)}${request.url}` }).end());
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

describe('time limits, network failures and retries', () => {
  it('gives up after timeoutMs with a PegasusTimeoutError, retrying a read once', async () => {
    const hang = await serve(() => undefined);
    const replica = createReplicaServerClient({ baseUrl: hang.url, timeoutMs: 200 });
    const error = await replica.GET('/version').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusTimeoutError);
    expect(hang.requests()).toBe(2);
  });

  it('lets a call set its own limit with a signal, and then does not retry it', async () => {
    const body = '{"Version":"2.6.0-SNAPSHOT","GitCommit":"non-git-repo"}\n';
    const slow = await serve((_request, response) => setTimeout(() => response.writeHead(200, { 'Content-Type': 'text/plain' }).end(body), 300));
    const replica = createReplicaServerClient({ baseUrl: slow.url, timeoutMs: 100 });
    await expect(replica.GET('/version')).rejects.toThrow(PegasusTimeoutError);
    expect(slow.requests()).toBe(2);
    const { data } = await replica.GET('/version', { signal: AbortSignal.timeout(2000) });
    expect(data).toEqual({ Version: '2.6.0-SNAPSHOT', GitCommit: 'non-git-repo' });
    await expect(replica.GET('/version', { signal: AbortSignal.timeout(50) })).rejects.toThrow(PegasusTimeoutError);
    expect(slow.requests()).toBe(2 + 1 + 1);
  });

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
    ['a POST', (url: string) => createMetaServerClient({ baseUrl: url }).POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'normal' } })],
    ['/updateConfig, which changes state', (url: string) => createReplicaServerClient({ baseUrl: url }).GET('/updateConfig', { params: { query: { flag: { config_sync_interval_ms: '20000' } } } })],
    ['a profiler', (url: string) => createReplicaServerClient({ baseUrl: url }).GET('/pprof/growth')],
  ])('never sends %s twice', async (_name, call) => {
    const dropping = await serve((request) => request.socket.destroy());
    await expect(call(dropping.url)).rejects.toThrow(PegasusNetworkError);
    expect(dropping.requests()).toBe(1);
  });

  it('throws a PegasusNetworkError naming every server tried when none can be reached', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    const error = await createMetaServerClient({ baseUrl: [a, b], retries: 0 }).GET('/version').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusNetworkError);
    expect((error as PegasusNetworkError).servers).toEqual([a, b]);
    expect((error as PegasusNetworkError).code).toBe('ECONNREFUSED');
  });
});

// The calls both roles serve, through the typed clients against the running mocks: each result is
// checked at run time here and, through expectType, by tsc. answers.test.ts covers every
// documented status and example of every operation.

import { startMocks } from '@pegasus-http/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMetaServerClient,
  createReplicaServerClient,
  type MetaServerClient,
  type MetaServerSchemas,
  type ReplicaServerClient,
  type ReplicaServerSchemas,
} from '../src/index.js';
import { expectType } from './expect-type.js';

let mocks: Awaited<ReturnType<typeof startMocks>>;
let meta: MetaServerClient;
let replica: ReplicaServerClient;

beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
  meta = createMetaServerClient({ baseUrl: mocks.meta.url });
  replica = createReplicaServerClient({ baseUrl: mocks.replica.url });
});
afterAll(async () => mocks.close());

describe('GET / on each role', () => {
  it("lists the role's own calls", async () => {
    const { data: metaCalls } = await meta.GET('/');
    const { data: replicaCalls } = await replica.GET('/');
    expectType(metaCalls)<MetaServerSchemas['CallListing'] | undefined>(true);
    expectType(replicaCalls)<ReplicaServerSchemas['CallListing'] | undefined>(true);
    expect(metaCalls?.['/']).toBe('List all supported calls.');
    expect(Object.keys(metaCalls ?? {})).toContain('/meta/apps');
    expect(Object.keys(replicaCalls ?? {})).toContain('/replica/data_version');
  });
});

// Both roles describe these calls identically (the same path files), so their types are checked
// once, through the MetaServer client type; each role's client is called at run time.
describe.each([
  ['meta-server', () => meta],
  ['replica-server', () => replica as unknown as MetaServerClient],
] as const)('calls both roles serve, on %s', (_role, client) => {
  it('GET /version', async () => {
    const { data, error, response } = await client().GET('/version');
    expectType(data)<MetaServerSchemas['VersionInfo'] | undefined>(true);
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ Version: '2.6.0-SNAPSHOT', GitCommit: 'db756dcdf24e2af6169659a67548501ed61f106c' });
  });

  it('GET /recentStartTime', async () => {
    const { data } = await client().GET('/recentStartTime');
    expectType(data)<MetaServerSchemas['StartTime'] | undefined>(true);
    expect(data?.RecentStartTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('GET /config gives the flag as JSON, or the not-found text', async () => {
    const { data } = await client().GET('/config', { params: { query: { name: 'config_sync_interval_ms' } } });
    expectType(data)<MetaServerSchemas['FlagInfo'] | string | undefined>(true);
    expect(data).toMatchObject({ name: 'config_sync_interval_ms', type: 'FV_UINT32', value: '30000' });
    const notFound = await client().GET('/config', {
      params: { query: { name: 'no_such_flag' } },
      headers: { Prefer: 'example=notFound', Accept: 'text/plain' },
    });
    expect(notFound.data).toBe("ERR_OBJECT_NOT_FOUND: 'no_such_flag' is not found");
    const empty = await client().GET('/config', { params: { query: { name: '' } }, headers: { Prefer: 'code=400, example=emptyName' } });
    expect(empty.response.status).toBe(400);
    expect(empty.error).toBe("name shouldn't be empty");
  });

  it('GET /configs', async () => {
    const { data } = await client().GET('/configs');
    expectType(data)<MetaServerSchemas['FlagList'] | undefined>(true);
    expect(data?.enable_http_server?.value).toBe('true');
  });

  it('GET /updateConfig sends the flag as its own parameter', async () => {
    let sent = '';
    const spying = createMetaServerClient({
      baseUrl: client() === meta ? mocks.meta.url : mocks.replica.url,
      fetch: (request) => {
        sent = request.url;
        return fetch(request);
      },
    });
    await client().GET('/updateConfig', { params: { query: { flag: { config_sync_interval_ms: '20000' } } } });
    const { data } = await spying.GET('/updateConfig', { params: { query: { flag: { config_sync_interval_ms: '20000' } } } });
    expectType(data)<MetaServerSchemas['UpdateStatus'] | undefined>(true);
    expect(new URL(sent).search).toBe('?config_sync_interval_ms=20000');
    expect(data?.update_status).toBe('ERR_OK');
  });

  it('GET /pprof/* returns text', async () => {
    const heap = await client().GET('/pprof/heap', { params: { query: { seconds: 10 } } });
    expectType(heap.data)<string | undefined>(true);
    expect(heap.data).toMatch(/^heap profile:/);
    const growth = await client().GET('/pprof/growth');
    expect(growth.data).toMatch(/@ growthz/);
    const cmdline = await client().GET('/pprof/cmdline');
    expect(cmdline.data?.split('\n')).toContain('-app_list');
    const count = await client().GET('/pprof/symbol');
    expect(count.data).toBe('num_symbols: 284913\n');
  });

  it('GET /pprof/cmdline answered with an empty body gives the empty text', async () => {
    const { data, response } = await client().GET('/pprof/cmdline', { headers: { Prefer: 'example=unreadable' } });
    expect(response.headers.get('content-length')).toBe('0');
    expect(data).toBe('');
  });

  it('POST /pprof/symbol sends the addresses as a text body', async () => {
    const { data } = await client().POST('/pprof/symbol', { body: '0x55d1e2b3c4f0+0x7f3a2c1d4e21+0x1234' });
    expectType(data)<string | undefined>(true);
    expect(data?.split('\n')[0]).toBe('0x55d1e2b3c4f0\tdsn::replication::replica::on_client_read');
  });

  it('GET /pprof/profile returns every byte of the profile, as a binary string', async () => {
    const { data } = await client().GET('/pprof/profile', { params: { query: { seconds: 0 } } });
    expectType(data)<string | undefined>(true);
    const bytes = Buffer.from(data!, 'latin1');
    const words = [0, 1, 2, 3, 4].map((i) => bytes.readBigUInt64LE(i * 8));
    expect(words).toEqual([0n, 3n, 0n, 10000n, 0n]);
    expect(bytes.subarray(64).toString('latin1')).toMatch(/ \/home\/work\/pegasus\/bin\/pegasus_server\n$/);
  });

  it('types every error body: an empty 500 while another profiler runs', async () => {
    const { data, error, response } = await client().GET('/pprof/growth', { headers: { Prefer: 'code=500' } });
    expect(response.status).toBe(500);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });
});

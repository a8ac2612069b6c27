// The calls only a ReplicaServer serves, through the typed client against the running mock: each
// result is checked at run time here and, through expectType, by tsc. answers.test.ts covers every
// documented status and example of every operation.

import { startMocks } from '@pegasus-http/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplicaServerClient, type ReplicaServerClient, type ReplicaServerSchemas } from '../src/index.js';
import { expectType } from './expect-type.js';

let mocks: Awaited<ReturnType<typeof startMocks>>;
let replica: ReplicaServerClient;

beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
  replica = createReplicaServerClient({ baseUrl: mocks.replica.url });
});
afterAll(async () => mocks.close());

describe('ReplicaServer calls', () => {
  it("GET /replica/data_version gives each local replica's version as a string", async () => {
    const { data, error, response } = await replica.GET('/replica/data_version', {
      params: { query: { app_id: 3 } },
      headers: { Prefer: 'example=manyPartitions' },
    });
    expectType(data)<ReplicaServerSchemas['ReplicaDataVersions'] | undefined>(true);
    expectType(error)<string | undefined>(true);
    expect(response.status).toBe(200);
    expect(data).toEqual({
      '0': { data_version: '1' },
      '1': { data_version: '1' },
      '10': { data_version: '1' },
      '2': { data_version: '1' },
    });
    expect(data?.['10']?.data_version).toBe('1');
  });

  it('GET /replica/data_version of a table this node does not host is a 404 text', async () => {
    const { data, error, response } = await replica.GET('/replica/data_version', {
      params: { query: { app_id: 4 } },
      headers: { Prefer: 'code=404, example=notFound' },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error).toBe('app_id=4 not found');
  });

  it('GET /replica/duplication takes `appid`, and gives real numbers and booleans', async () => {
    const { data } = await replica.GET('/replica/duplication', { params: { query: { appid: 1 } } });
    expectType(data)<ReplicaServerSchemas['ReplicaDuplications'] | undefined>(true);
    const state = data?.['1583306653']?.['1.1'];
    expectType(state)<ReplicaServerSchemas['ReplicaDuplicationState'] | undefined>(true);
    expect(state).toEqual({
      duplicating: false,
      fail_mode: 'FAIL_SLOW',
      not_confirmed_mutations_num: 100,
      not_duplicated_mutations_num: 50,
      remote_app_name: 'temp',
    });
    const neverSent = () => {
      // @ts-expect-error: this call's parameter is `appid`, not `app_id`
      void replica.GET('/replica/duplication', { params: { query: { app_id: 1 } } });
    };
    expect(typeof neverSent).toBe('function');
  });

  it('GET /replica/duplication with duplication switched off is a 404 text', async () => {
    const { error, response } = await replica.GET('/replica/duplication', {
      params: { query: { appid: 1 } },
      headers: { Prefer: 'code=404, example=disabled' },
    });
    expect(response.status).toBe(404);
    expect(error).toBe('duplication is not enabled [FLAGS_duplication_enabled=false]');
  });

  it('GET /replica/manual_compaction counts replicas per state, 200 even for an unknown table', async () => {
    const { data } = await replica.GET('/replica/manual_compaction', { params: { query: { app_id: 2 } } });
    expectType(data)<ReplicaServerSchemas['ReplicaCompactionStatus'] | undefined>(true);
    expectType(data?.status.running)<number | undefined>(true);
    expect(data).toEqual({ status: { finished: 0, idle: 6, queuing: 1, running: 1 } });
    const unknown = await replica.GET('/replica/manual_compaction', {
      params: { query: { app_id: 4 } },
      headers: { Prefer: 'example=unknownTable' },
    });
    expect(unknown.response.status).toBe(200);
    expect(unknown.data?.status).toEqual({ finished: 0, idle: 0, queuing: 0, running: 0 });
  });

  it('GET /replica/manual_compaction with a bad app_id is a 400 text', async () => {
    const { error, response } = await replica.GET('/replica/manual_compaction', {
      params: { query: { app_id: 2 } },
      headers: { Prefer: 'code=400, example=invalidAppId' },
    });
    expectType(error)<string | undefined>(true);
    expect(response.status).toBe(400);
    expect(error).toBe('invalid app_id=xxx');
  });
});

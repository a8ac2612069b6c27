// The MetaServer's own calls through the typed client, against the mock: parameters and JSON
// request bodies are typed, and so is each result (checked by tsc through expectType).
// answers.test.ts covers every documented status and example of every operation.

import { startMocks } from '@pegasus-http/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetaServerClient, type MetaServerClient, type MetaServerSchemas } from '../src/index.js';
import { expectType } from './expect-type.js';

let mocks: Awaited<ReturnType<typeof startMocks>>;
let meta: MetaServerClient;

beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
  meta = createMetaServerClient({ baseUrl: mocks.meta.url });
});
afterAll(async () => mocks.close());

describe('MetaServer calls', () => {
  it('GET /meta/app, short and detailed', async () => {
    const { data } = await meta.GET('/meta/app', { params: { query: { name: 'temp' } } });
    expectType(data)<MetaServerSchemas['AppInfo'] | undefined>(true);
    expect(data?.general.app_id).toBe('2');
    const detailed = await meta.GET('/meta/app', {
      params: { query: { name: 'temp', detail: '' } },
      headers: { Prefer: 'example=detailed' },
    });
    expect(detailed.data?.replicas?.['3']?.replica_count).toBe('2/3');
    expect(detailed.data?.nodes?.total?.total).toBe('11');
  });

  it('GET /meta/app answers an unknown table with 404 text', async () => {
    const { data, error, response } = await meta.GET('/meta/app', {
      params: { query: { name: 'no_such_table' } },
      headers: { Prefer: 'code=404' },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error).toBe('table not found: "no_such_table"');
  });

  it('GET /meta/app/duplication, and its `null` body', async () => {
    const { data } = await meta.GET('/meta/app/duplication', { params: { query: { name: 'temp' } } });
    expectType(data)<MetaServerSchemas['AppDuplications'] | undefined>(true);
    const first = data?.['1'];
    expect(typeof first === 'object' ? first.status : first).toBe('DS_LOG');
    const none = await meta.GET('/meta/app/duplication', { params: { query: { name: 'temp' } }, headers: { Prefer: 'example=none' } });
    expect(none.response.status).toBe(200);
    expect(none.data).toBeNull();
  });

  it('GET /meta/apps', async () => {
    const { data } = await meta.GET('/meta/apps', { params: { query: { detail: '' } }, headers: { Prefer: 'example=detailed' } });
    expectType(data)<MetaServerSchemas['AppList'] | undefined>(true);
    expect(data?.summary.unhealthy_app_count).toBe('1');
    expect(data?.healthy_info?.['2']?.fully_healthy).toBe('7');
  });

  it('GET /meta/nodes', async () => {
    const { data } = await meta.GET('/meta/nodes');
    expectType(data)<MetaServerSchemas['NodeList'] | undefined>(true);
    expect(data?.details['localhost:34803']?.status).toBe('UNALIVE');
  });

  it('GET /meta/cluster, whose balance counts are JSON inside a string', async () => {
    const { data } = await meta.GET('/meta/cluster');
    expectType(data)<MetaServerSchemas['ClusterInfo'] | undefined>(true);
    expect(JSON.parse(data!.balance_operation_count)).toEqual({ copy_pri: 0, copy_sec: 0, move_pri: 0, total: 0 });
  });

  it('GET /meta/app_envs', async () => {
    const { data } = await meta.GET('/meta/app_envs', { params: { query: { name: 'temp' } } });
    expectType(data)<MetaServerSchemas['AppEnvs'] | undefined>(true);
    expect(data?.['rocksdb.usage_scenario']).toBe('normal');
  });

  it('GET /meta/backup_policy, all or one by name', async () => {
    const all = await meta.GET('/meta/backup_policy');
    expectType(all.data)<MetaServerSchemas['BackupPolicyList'] | undefined>(true);
    expect(JSON.parse(all.data!.daily_backup!.app_ids)).toEqual([2, 3]);
    const disabled = await meta.GET('/meta/backup_policy', {
      params: { query: { name: 'daily_backup' } },
      headers: { Prefer: 'code=404' },
    });
    expect(disabled.error).toBe('cold_backup_disabled');
  });

  it('POST /meta/app/start_bulk_load with a typed body', async () => {
    const { data } = await meta.POST('/meta/app/start_bulk_load', {
      body: { app_name: 'temp', cluster_name: 'onebox', file_provider_type: 'hdfs_service', remote_root_path: '/user/pegasus/bulk_load' },
    });
    expectType(data)<MetaServerSchemas['BulkLoadStartResult'] | undefined>(true);
    expect(data).toEqual({ error: 'ERR_OK', hint_msg: '' });
  });

  it('GET /meta/app/query_bulk_load', async () => {
    const { data } = await meta.GET('/meta/app/query_bulk_load', { params: { query: { name: 'temp' } } });
    expectType(data)<MetaServerSchemas['BulkLoadStatus'] | undefined>(true);
    expect(data?.app_status).toBe('replication::bulk_load_status::BLS_DOWNLOADING');
  });

  it('POST /meta/app/start_compaction with a typed body', async () => {
    const { data } = await meta.POST('/meta/app/start_compaction', {
      body: {
        app_name: 'temp',
        type: 'periodic',
        target_level: -1,
        bottommost_level_compaction: 'force',
        max_concurrent_running_count: 2,
        trigger_time: '3:00,21:00',
      },
    });
    expectType(data)<MetaServerSchemas['AppEnvUpdateResult'] | undefined>(true);
    expect(data?.error).toBe('ERR_OK');
  });

  it('POST /meta/app/start_compaction refuses, at compile time, a body the server cannot decode', () => {
    const neverSent = () =>
      meta.POST('/meta/app/start_compaction', {
        // @ts-expect-error: the server wants JSON integers; "0" is `400 invalid request structure`
        body: { app_name: 'temp', type: 'once', target_level: -1, bottommost_level_compaction: 'skip', max_concurrent_running_count: '0' },
      });
    expect(typeof neverSent).toBe('function');
  });

  it('POST /meta/app/usage_scenario, and the 400 of a mock that validates the body', async () => {
    const { data } = await meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'bulk_load' } });
    expectType(data)<MetaServerSchemas['AppEnvUpdateResult'] | undefined>(true);
    expect(data?.error).toBe('ERR_OK');
    const refused = await meta.POST('/meta/app/usage_scenario', { body: { app_name: 'temp', scenario: 'prefer_write' as 'normal' } });
    expect(refused.response.status).toBe(400);
  });

  it('GET /envs/list', async () => {
    const { data } = await meta.GET('/envs/list');
    expectType(data)<MetaServerSchemas['AppEnvRules'] | undefined>(true);
    expect(data?.['replica.slow_query_threshold']).toEqual({ limitation: '>= 20', sample: '1000', type: 'unsigned int64' });
  });

  it("shows a standby's 307 and its Location when asked not to follow it", async () => {
    const { response } = await meta.GET('/meta/cluster', { headers: { Prefer: 'code=307' }, redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toMatch(/^http:\/\/[^/]+\/meta\//);
  });
});

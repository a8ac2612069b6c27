// The decoded views against the mocks: each read returns its plain record; a "not found" with a
// natural answer gives it; any other status is a PegasusHttpError.

import { type Mocks, startMocks } from '@pegasus-http/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetaServerClient, createReplicaServerClient, metaServerViews, PegasusHttpError, replicaServerViews } from '../src/index.js';

let mocks: Mocks;
beforeAll(async () => {
  mocks = await startMocks({ metaPort: 0, replicaPort: 0 });
});
afterAll(async () => mocks.close());

describe('MetaServer views', () => {
  it('decode every read', async () => {
    const meta = metaServerViews(createMetaServerClient({ baseUrl: mocks.meta.url }), { serverTimeZone: 'UTC' });
    expect(await meta.version()).toEqual({ version: '2.6.0-SNAPSHOT', gitCommit: 'db756dcdf24e2af6169659a67548501ed61f106c' });
    expect(await meta.startTime()).toEqual(new Date('2024-05-20T14:03:11Z'));
    expect(await meta.flag('config_sync_interval_ms')).toMatchObject({ type: 'FV_UINT32', value: 30000, mutable: true });
    expect((await meta.flags()).map((f) => f.name)).toContain('enable_http_server');
    expect((await meta.tables()).tables.map((t) => t.name)).toEqual(['__stat', 'temp']);
    expect((await meta.table('test_meta_http'))?.partitionCount).toBe(8);
    expect((await meta.nodes()).alive).toBe(2);
    expect((await meta.cluster()).balanceOperations.total).toBe(0);
    expect(await meta.tableEnvs('temp')).toContainEqual({ name: 'rocksdb.usage_scenario', value: 'normal' });
  });

  it('answer null for a table that does not exist', async () => {
    const meta = metaServerViews(createMetaServerClient({ baseUrl: mocks.meta.url, headers: { Prefer: 'code=404' } }));
    expect(await meta.table('no_such_table')).toBeNull();
  });

  it('throw a PegasusHttpError for any other status', async () => {
    const meta = metaServerViews(createMetaServerClient({ baseUrl: mocks.meta.url, headers: { Prefer: 'code=400, example=emptyName' } }));
    const error = await meta.table('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusHttpError);
    expect(error).toMatchObject({ status: 400, body: "app name shouldn't be empty" });
  });
});

describe('ReplicaServer views', () => {
  it('decode every read', async () => {
    const replica = replicaServerViews(createReplicaServerClient({ baseUrl: mocks.replica.url }));
    expect((await replica.dataVersions(2)).map((p) => p.partition)).toEqual(
      [...(await replica.dataVersions(2)).map((p) => p.partition)].sort((a, b) => a - b),
    );
    expect((await replica.duplications(1))[0]!.partitions[0]).toMatchObject({ appId: 1, partition: 1 });
    expect(await replica.manualCompaction(2)).toEqual(expect.objectContaining({ idle: expect.any(Number) }));
    expect((await replica.version()).version).toBe('2.6.0-SNAPSHOT');
  });

  it('answer an empty list when the server holds nothing of the table', async () => {
    const replica = replicaServerViews(
      createReplicaServerClient({ baseUrl: mocks.replica.url, headers: { Prefer: 'code=404, example=notFound' } }),
    );
    expect(await replica.dataVersions(99)).toEqual([]);
  });
});

// Each decoder against every example of its operation in the published artifacts: decoded
// without loss into plain records; and, for every value of every example in turn made malformed,
// a PegasusDecodeError naming where, never a NaN or an invalid Date.

import { operationIndex, type Role } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import {
  decodeCluster,
  decodeDataVersions,
  decodeFlag,
  decodeFlags,
  decodeManualCompaction,
  decodeNodeList,
  decodeReplicaDuplications,
  decodeStartTime,
  decodeTable,
  decodeTableEnvs,
  decodeTableList,
  decodeVersion,
  PegasusDecodeError,
} from '../src/index.js';

type Decoder = (raw: never) => unknown;

const DECODERS: [Role, string, Decoder][] = [
  ['meta-server', 'version_get', decodeVersion],
  ['meta-server', 'recentStartTime_get', (raw) => decodeStartTime(raw, { serverTimeZone: 'UTC' })],
  ['meta-server', 'config_get', decodeFlag],
  ['meta-server', 'configs_list', decodeFlags],
  ['meta-server', 'apps_list', (raw) => decodeTableList(raw, { serverTimeZone: 480 })],
  ['meta-server', 'app_get', decodeTable],
  ['meta-server', 'nodes_list', decodeNodeList],
  ['meta-server', 'cluster_get', decodeCluster],
  ['meta-server', 'appEnvs_get', decodeTableEnvs],
  ['replica-server', 'replicaDataVersion_get', decodeDataVersions],
  ['replica-server', 'replicaDuplication_get', decodeReplicaDuplications],
  ['replica-server', 'replicaManualCompaction_get', decodeManualCompaction],
];

/** Every 200 example of an operation (JSON, and text for /config's not-found answer). */
function examples(role: Role, operationId: string): [string, unknown][] {
  return operationIndex(role)
    .byId(operationId)
    .responses['200']!.media.flatMap((media) => Object.entries(media.examples));
}

/** Every leaf of a JSON value, with the keys that lead to it (keys may hold dots: `replica.slow_query_threshold`). */
function leaves(value: unknown, keys: string[] = []): [string[], unknown][] {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leaves(child, [...keys, key]));
  return [[keys, value]];
}

function setAt(value: unknown, keys: string[], leaf: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = leaf;
  return copy;
}

/** Whether a decoded record holds a NaN or an invalid Date anywhere. */
function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

describe.each(DECODERS)('%s %s', (role, operationId, decode) => {
  const cases = examples(role, operationId);

  it('has examples to decode', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('decodes the example %s', (_name, value) => {
    const decoded = decode(value as never);
    expect(hasNaN(decoded)).toBe(false);
    expect(JSON.stringify(decoded, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain('"NaN"');
  });

  it.each(cases.filter(([, value]) => value !== null && typeof value === 'object'))(
    'refuses a malformed value anywhere in %s, naming where',
    (_name, value) => {
      for (const [keys, leaf] of leaves(value)) {
        const path = keys.join('.');
        for (const broken of [typeof leaf === 'string' ? `${leaf}x` : 'x', null]) {
          let decoded: unknown;
          try {
            decoded = decode(setAt(value, keys, broken) as never);
          } catch (error) {
            expect(error, path).toBeInstanceOf(PegasusDecodeError);
            expect((error as PegasusDecodeError).message).toContain(': expected ');
            continue;
          }
          // A value the decoder keeps as text may take any form; it must never become NaN.
          expect(hasNaN(decoded), `${path} = ${JSON.stringify(broken)}`).toBe(false);
        }
      }
    },
  );
});

describe('decoded values', () => {
  it("turns the table printer's strings into numbers, booleans, Dates and lists", () => {
    const [, detailed] = examples('meta-server', 'app_get').find(([name]) => name === 'detailed')!;
    const table = decodeTable(detailed as never);
    expect(table.partitions![3]).toEqual({
      index: 3,
      ballot: 5,
      replicaCount: 2,
      maxReplicaCount: 3,
      primary: 'localhost:34801',
      secondaries: ['localhost:34802'],
    });
    expect(table.totals).toEqual({ primary: 4, secondary: 7, total: 11 });
    const [, apps] = examples('meta-server', 'apps_list').find(([name]) => name === 'brief')!;
    const list = decodeTableList(apps as never, { serverTimeZone: 'UTC' });
    expect(list.tables[1]).toMatchObject({ appId: 2, name: 'temp', isStateful: true, createdAt: new Date('2024-05-10T14:03:21.000Z') });
  });

  it("reads the server's time in the zone it is told", () => {
    const raw = { RecentStartTime: '2024-05-20 14:03:11' };
    expect(decodeStartTime(raw, { serverTimeZone: 480 }).toISOString()).toBe('2024-05-20T06:03:11.000Z');
    expect(decodeStartTime(raw, { serverTimeZone: 'local' }).getHours()).toBe(14);
    expect(() => decodeStartTime({ RecentStartTime: '2024-13-40 25:61:61' }, { serverTimeZone: 'UTC' })).toThrow(
      /RecentStartTime: expected a valid date and time/,
    );
  });

  it("types a flag's value by the flag's type, 64-bit integers as bigints", () => {
    expect(
      decodeFlag({ name: 'f', section: 's', type: 'FV_UINT64', tags: '', description: '', value: '18446744073709551615' }),
    ).toMatchObject({ value: 18446744073709551615n, mutable: false });
    expect(
      decodeFlag({ name: 'f', section: 's', type: 'FV_BOOL', tags: 'flag_tag::FT_MUTABLE', description: '', value: 'true' }),
    ).toMatchObject({ value: true, mutable: true });
    expect(decodeFlag("ERR_OBJECT_NOT_FOUND: 'f' is not found")).toBeNull();
  });

  it('checks and converts by the schemas, naming where a value does not read as described', () => {
    const [, apps] = examples('meta-server', 'apps_list').find(([name]) => name === 'brief')!;
    const broken = structuredClone(apps) as { general_info: Record<string, Record<string, string>> };
    broken.general_info['2']!.partition_count = '8.0';
    expect(() => decodeTableList(broken as never)).toThrow(
      'general_info.2.partition_count: expected an integer string such as "8", got "8.0"',
    );
    broken.general_info['2']!.partition_count = '9007199254740993';
    expect(() => decodeTableList(broken as never)).toThrow(
      'general_info.2.partition_count: expected an integer JavaScript can hold exactly',
    );
    const { general_info: _, ...noTables } = broken;
    expect(() => decodeTableList(noTables as never)).toThrow('general_info: expected an object, got nothing');
  });

  it('keeps, in camelCase, a field the description does not name yet', () => {
    expect(decodeManualCompaction({ status: { finished: 0, idle: 6, queuing: 1, running: 1, paused_now: 2 } } as never)).toEqual({
      finished: 0,
      idle: 6,
      queuing: 1,
      running: 1,
      pausedNow: 2,
    });
  });

  it("reads v2.5.0's shapes: a duplication without remote_app_name, unpadded milliseconds", () => {
    const state = { duplicating: true, fail_mode: 'FAIL_SLOW', not_confirmed_mutations_num: 1, not_duplicated_mutations_num: 2 };
    expect(decodeReplicaDuplications({ '7': { '2.1': state } } as never)).toEqual([
      {
        dupid: 7,
        partitions: [
          { appId: 2, partition: 1, duplicating: true, failMode: 'FAIL_SLOW', notConfirmedMutations: 1, notDuplicatedMutations: 2 },
        ],
      },
    ]);
    const [, apps] = examples('meta-server', 'apps_list').find(([name]) => name === 'brief')!;
    const old = structuredClone(apps) as { general_info: Record<string, Record<string, string>> };
    old.general_info['2']!.create_time = '2024-05-10 14:03:21.5';
    expect(decodeTableList(old as never, { serverTimeZone: 'UTC' }).tables[1]?.createdAt).toEqual(new Date('2024-05-10T14:03:21.005Z'));
  });

  it('reads the balance counts of master and of v2.5.0', () => {
    const base = {
      meta_servers: 'a:1',
      primary_meta_server: 'a:1',
      zookeeper_hosts: 'z',
      zookeeper_root: '/r',
      meta_function_level: 'steady',
      primary_replica_count_stddev: '0.00',
      total_replica_count_stddev: '0.47',
    };
    const old = decodeCluster({ ...base, balance_operation_count: 'move_pri=1,copy_pri=2,copy_sec=3,total=6' } as never);
    expect(old.balanceOperations).toEqual({ copyPrimary: 2, copySecondary: 3, movePrimary: 1, total: 6 });
    expect(old.totalReplicaCountStddev).toBe(0.47);
  });
});

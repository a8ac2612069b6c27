// Each decoder against every example of its operation in the published artifacts of every
// release, read by that release's schemas: decoded without loss into plain records; and, for every
// value of every example in turn made malformed, a PegasusDecodeError naming where, never a NaN or
// an invalid Date. What differs between releases is checked against the examples, whatever they hold.

import { createSchemaValidator, operationIndex, RELEASES, type Release, type Role } from '@pegasus-http/spec';
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

type Decoder = (raw: never, release: Release) => unknown;

const DECODERS: [Role, string, Decoder][] = [
  ['meta-server', 'version_get', (raw, release) => decodeVersion(raw, { release })],
  ['meta-server', 'recentStartTime_get', (raw, release) => decodeStartTime(raw, { serverTimeZone: 'UTC', release })],
  ['meta-server', 'config_get', (raw, release) => decodeFlag(raw, { release })],
  ['meta-server', 'configs_list', (raw, release) => decodeFlags(raw, { release })],
  ['meta-server', 'apps_list', (raw, release) => decodeTableList(raw, { serverTimeZone: 480, release })],
  ['meta-server', 'app_get', (raw, release) => decodeTable(raw, { release })],
  ['meta-server', 'nodes_list', (raw, release) => decodeNodeList(raw, { release })],
  ['meta-server', 'cluster_get', (raw, release) => decodeCluster(raw, { release })],
  ['meta-server', 'appEnvs_get', (raw, release) => decodeTableEnvs(raw, { release })],
  ['replica-server', 'replicaDataVersion_get', (raw, release) => decodeDataVersions(raw, { release })],
  ['replica-server', 'replicaDuplication_get', (raw, release) => decodeReplicaDuplications(raw, { release })],
  ['replica-server', 'replicaManualCompaction_get', (raw, release) => decodeManualCompaction(raw, { release })],
];

/** Every 200 example of an operation in a release (JSON, and text for /config's not-found answer); none if the release lacks it. */
function examples(role: Role, operationId: string, release: Release = 'master'): [string, unknown][] {
  const operation = operationIndex(role, release).operations.find((o) => o.operationId === operationId);
  return (operation?.responses['200']?.media ?? []).flatMap((media) => Object.entries(media.examples));
}

/** Each decoder in each release that serves its operation. */
const CASES = RELEASES.flatMap((release) =>
  DECODERS.filter(([role, operationId]) => examples(role, operationId, release).length > 0).map(
    ([role, operationId, decode]) => [release, operationId, (raw: never) => decode(raw, release), role] as const,
  ),
);

/** Every leaf of a JSON value, with the keys that lead to it (keys may hold dots: `replica.slow_query_threshold`). */
function leaves(value: unknown, keys: string[] = []): [string[], unknown][] {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leaves(child, [...keys, key]));
  return [[keys, value]];
}

function setAt(value: unknown, keys: string[], leaf: unknown): unknown {
  if (keys.length === 0) return leaf;
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

it('decodes in every release', () => expect(new Set(CASES.map(([release]) => release))).toEqual(new Set(RELEASES)));

describe.each(CASES)('%s %s', (release, operationId, decode, role) => {
  const cases = examples(role, operationId, release);

  it('has examples to decode', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('decodes the example %s', (_name, value) => {
    const decoded = decode(value as never);
    expect(hasNaN(decoded)).toBe(false);
    expect(JSON.stringify(decoded, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain('"NaN"');
  });

  it.each(cases)('refuses a malformed value anywhere in %s, naming where', (_name, value) => {
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
  });
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

  it('refuses a release it does not know', () => {
    expect(() => decodeVersion({ Version: '2.3.0', GitCommit: '' }, { release: 'v2.3.0' as never })).toThrow(
      /unknown Pegasus release "v2.3.0"/,
    );
  });
});

type AppList = { general_info: Record<string, { create_time: string }> };

/** Every 200 example of an operation in every release, with its release and name. */
function everyExample(role: Role, operationId: string): [Release, string, unknown][] {
  return RELEASES.flatMap((release) =>
    examples(role, operationId, release).map(([name, value]) => [release, name, value] as [Release, string, unknown]),
  );
}

describe('what the releases write differently, read from their examples whatever they hold', () => {
  it('takes the balance counts apart, from JSON text (master) or name=value pairs (v2.5.0)', () => {
    for (const [release, name, raw] of everyExample('meta-server', 'cluster_get')) {
      const text = (raw as { balance_operation_count: string }).balance_operation_count;
      const counts = Object.fromEntries([...text.matchAll(/"?(\w+)"?\s*[:=]\s*(\d+)/g)].map(([, key, value]) => [key, Number(value)]));
      expect(decodeCluster(raw as never, { release }).balanceOperations, `${release} ${name}`).toEqual({
        copyPrimary: counts.copy_pri,
        copySecondary: counts.copy_sec,
        movePrimary: counts.move_pri,
        total: counts.total,
      });
    }
  });

  it("keeps a duplication's remote table where the release writes one (master), and reads the states without it", () => {
    for (const [release, name, raw] of everyExample('replica-server', 'replicaDuplication_get')) {
      const states = Object.values(raw as Record<string, Record<string, { remote_app_name?: string }>>).flatMap(Object.values);
      const partitions = decodeReplicaDuplications(raw as never, { release }).flatMap((d) => d.partitions);
      expect(partitions.map((p) => p.remoteAppName).sort(), `${release} ${name}`).toEqual(states.map((s) => s.remote_app_name).sort());
    }
  });

  it('reads a creation time as the wall-clock time it starts with, whatever its milliseconds or what trails them', () => {
    /** A `YYYY-MM-DD hh:mm:ss[.m]` time at UTC, its milliseconds as the digits say unless bytes trail them; `-` is none. */
    const wallClock = (text: string) => {
      const [, date, time, ms = '0', rest] = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?(.*)$/s.exec(text) ?? [];
      return date ? new Date(Date.parse(`${date}T${time}Z`) + (rest ? 0 : Number(ms))) : null;
    };
    for (const [release, name, raw] of everyExample('meta-server', 'apps_list')) {
      const rows = (raw as { general_info: Record<string, { create_time: string }> }).general_info;
      const { tables } = decodeTableList(raw as never, { serverTimeZone: 'UTC', release });
      expect(tables.length).toBe(Object.keys(rows).length);
      for (const table of tables) expect(table.createdAt, `${release} ${name}`).toEqual(wallClock(rows[table.appId]!.create_time));
    }
  });

  it('reads a time followed by stray bytes to the second exactly where the release describes such bytes (v2.4.0)', () => {
    for (const release of RELEASES) {
      const index = operationIndex('meta-server', release);
      const { validate } = createSchemaValidator(index.document);
      const operation = index.byId('apps_list');
      const [, raw] = examples('meta-server', 'apps_list', release).find(
        ([, value]) => Object.keys((value as AppList).general_info).length > 0,
      )!;
      const stray = structuredClone(raw) as AppList;
      const [id, row] = Object.entries(stray.general_info)[0]!;
      row.create_time = `${row.create_time.slice(0, 19)}.0\u0007\u00ff12`;
      const described = validate(operation.responses['200']!.media[0]!.schema, stray).length === 0;
      const decode = () => decodeTableList(stray as never, { serverTimeZone: 'UTC', release }).tables.find((t) => t.appId === Number(id));
      if (described)
        expect(decode()?.createdAt, release).toEqual(new Date(`${row.create_time.slice(0, 10)}T${row.create_time.slice(11, 19)}Z`));
      else expect(decode, release).toThrow(PegasusDecodeError);
    }
  });

  it("reads /config's not-found text as the release writes it", () => {
    const texts = everyExample('meta-server', 'config_get').filter(([, , raw]) => typeof raw === 'string');
    expect(texts.length).toBeGreaterThanOrEqual(RELEASES.length);
    for (const [release, name, raw] of texts) expect(decodeFlag(raw as string, { release }), `${release} ${name}`).toBeNull();
  });
});

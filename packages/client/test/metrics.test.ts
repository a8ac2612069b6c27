// The /metrics helper: every filter reaches the server exactly as given (checked by running the
// query through the server's own parsing rules, the spec's model of them in @pegasus-http/spec/wire), filters the server
// would misread are refused, and timestamp_ns keeps all its digits as a bigint.

import { startMocks } from '@pegasus-http/mock';
import { type JsonObject, loadDocument } from '@pegasus-http/spec';
import { parsePegasusTarget, splitArgs } from '@pegasus-http/spec/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMetaServerClient,
  createReplicaServerClient,
  getMetrics,
  type KnownMetricName,
  type MetricName,
  type MetricsError,
  MetricsFilterError,
  type MetricsFilters,
  type MetricsSnapshot,
  metricsQuery,
  parseMetricsSnapshot,
  type ReplicaServerSchemas,
} from '../src/index.js';
import { expectType } from './expect-type.js';

/** What the server's /metrics handler reads from a request target (src/utils/metrics.cpp:341-376). */
type ServerView = Record<string, string[] | boolean>;
const LIST_PARAMETERS = ['with_metric_fields', 'types', 'ids', 'attributes', 'metrics'];

function serverView(target: string): ServerView {
  const request = parsePegasusTarget(target);
  if (!request.ok) throw new Error(`the framework rejects ${target}: ${request.error}`);
  expect(request.path).toBe('metrics');
  const view: ServerView = {};
  for (const [name, value] of request.query) {
    if (LIST_PARAMETERS.includes(name)) {
      // with_metric_fields and ids are sets on the server, types, attributes and metrics lists.
      view[name] = splitArgs(value, ',');
    } else if (name === 'detail' && ['true', 'false'].includes(value.toLowerCase())) {
      view[name] = value.toLowerCase() === 'true';
    } else {
      throw new Error(`the server answers 400 to ${name}=${value}`);
    }
  }
  return view;
}

/** What the server should see for these filters. */
function intendedView(filters: MetricsFilters): ServerView {
  const view: ServerView = {};
  const attributes =
    filters.attributes === undefined
      ? undefined
      : Array.isArray(filters.attributes)
        ? (filters.attributes as [string, string][]).flat()
        : Object.entries(filters.attributes).flat();
  const lists: [string, readonly string[] | undefined][] = [
    ['with_metric_fields', filters.withMetricFields],
    ['types', filters.types],
    ['ids', filters.ids],
    ['attributes', attributes],
    ['metrics', filters.metrics],
  ];
  for (const [name, items] of lists) {
    if (items !== undefined && (items.length > 0 || name === 'with_metric_fields')) view[name] = [...items];
  }
  if (filters.detail !== undefined) view.detail = filters.detail;
  return view;
}

const target = (filters: MetricsFilters) => `/metrics?${metricsQuery(filters)}`;

describe('metricsQuery', () => {
  it('writes the filters in the order of the server help, lists comma-joined', () => {
    const filters: MetricsFilters = {
      withMetricFields: ['name', 'value'],
      types: ['replica', 'server'],
      ids: ['replica@2.3', 'server'],
      attributes: { table_id: '2', partition_id: '3' },
      metrics: ['get_requests', 'get_latency_ns'],
      detail: true,
    };
    expect(metricsQuery(filters)).toBe(
      'with_metric_fields=name,value&types=replica,server&ids=replica%402.3,server&attributes=table_id,2,partition_id,3&metrics=get_requests,get_latency_ns&detail=true',
    );
    expect(serverView(target(filters))).toEqual(intendedView(filters));
    expect(metricsQuery({})).toBe('');
  });

  it('sends an empty with_metric_fields (every key), and leaves out the other empty lists (no filter)', () => {
    expect(metricsQuery({ withMetricFields: [], types: [], metrics: [] })).toBe('with_metric_fields=');
    expect(serverView(target({ withMetricFields: [] }))).toEqual({ with_metric_fields: [] });
    expect(metricsQuery({ detail: false })).toBe('detail=false');
  });

  it('gets =, %, #, +, ?, blanks inside, quotes and non-ASCII through intact', () => {
    const filters: MetricsFilters = {
      ids: ['latency_tracer@a=b|c%d|e#f', 'x+y?z/w', 'in side', 'it\'s "quoted"', '表@2.3', '😀', '%2C', '%26', '\n\rleading line breaks'],
      attributes: [
        ['description', 'a=b'],
        ['description', '100%'],
      ],
      metrics: ['get_requests', 'my:custom#metric'],
    };
    expect(serverView(target(filters))).toEqual(intendedView(filters));
  });

  it('takes attributes as pairs, so that one name can have several values', () => {
    const filters: MetricsFilters = {
      attributes: [
        ['table_id', '2'],
        ['table_id', '3'],
      ],
    };
    expect(metricsQuery(filters)).toBe('attributes=table_id,2,table_id,3');
    expect(serverView(target(filters))).toEqual({ attributes: ['table_id', '2', 'table_id', '3'] });
  });

  it.each([
    [{ metrics: ['get_requests,put_requests'] }, /metrics\[0\] "get_requests,put_requests" contains ","/],
    [{ ids: ['a&b'] }, /ids\[0\] "a&b" contains "&"/],
    [{ types: [''] }, /types\[0\] "" is empty/],
    [{ attributes: { table_id: '' } }, /attributes\[1\] "" is empty/],
    [{ ids: [' replica@2.3'] }, /begins with a space or tab/],
    [{ ids: ['replica@2.3\t'] }, /ends with a space, tab, CR or LF/],
    [{ ids: ['replica@2.3\r'] }, /ends with a space, tab, CR or LF/],
    [{ ids: ['a\0b'] }, /NUL byte/],
    [{ ids: ['\uD800'] }, /lone UTF-16 surrogate/],
    [{ attributes: [['table_id', '2'], ['partition_id']] }, /attributes\[1\] must be one \[name, value\] pair/],
    [{ attributes: [['table_id', '2', 'partition_id']] }, /attributes\[0\] must be one \[name, value\] pair/],
    [{ attributes: ['table_id', '2'] }, /attributes\[0\] must be one \[name, value\] pair/],
    [{ detail: 'yes' }, /detail must be true or false/],
    [{ type: ['replica'] }, /unknown filter "type"/],
    [{ metrics: 'get_requests' }, /metrics must be a list/],
  ])('refuses %j', (filters, message) => {
    expect(() => metricsQuery(filters as unknown as MetricsFilters)).toThrow(MetricsFilterError);
    expect(() => metricsQuery(filters as unknown as MetricsFilters)).toThrow(message);
  });

  it('refuses exactly the items the server would misread (random filters)', () => {
    // A deterministic pseudo-random walk over items made of the characters that matter.
    let seed = 20240520;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const fine = ['a', 'Z', '9', '_', '@', '.', '|', ':', '=', '%', '#', '+', '?', '/', '表', '😀', "'", '"', '%2C', '%26', '%4'];
    const blanks = [' ', '\t', '\r', '\n'];
    const risky = [',', '&', '\0', '\uD800'];
    const piece = () => {
      const dice = random(40);
      return dice === 0 ? risky[random(risky.length)] : dice < 3 ? blanks[random(blanks.length)] : fine[random(fine.length)];
    };
    // Blanks are fine inside an item but not at its ends; an item is empty now and then.
    const item = () => (random(60) === 0 ? '' : Array.from({ length: 1 + random(4) }, piece).join(''));
    const list = () => Array.from({ length: 1 + random(3) }, item);
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const filters: MetricsFilters = { types: list(), ids: list(), attributes: [[item(), item()]], metrics: list() };
      let query: string | undefined;
      try {
        query = metricsQuery(filters);
      } catch (error) {
        expect(error).toBeInstanceOf(MetricsFilterError);
      }
      if (query !== undefined) {
        accepted++;
        expect(serverView(`/metrics?${query}`), query).toEqual(intendedView(filters));
      } else {
        refused++;
        // Sent naively (each item percent-escaped, then comma-joined), the server would see
        // something else, or the item cannot be encoded at all.
        const naive = (() => {
          try {
            const attributes = (filters.attributes as [string, string][]).flat();
            return `/metrics?types=${filters.types!.map(encodeURIComponent).join(',')}&ids=${filters.ids!.map(encodeURIComponent).join(',')}&attributes=${attributes.map(encodeURIComponent).join(',')}&metrics=${filters.metrics!.map(encodeURIComponent).join(',')}`;
          } catch {
            return undefined;
          }
        })();
        if (naive !== undefined) {
          let seen: ServerView | string;
          try {
            seen = serverView(naive);
          } catch (error) {
            seen = String(error);
          }
          expect(seen, naive).not.toEqual(intendedView(filters));
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

// The reference's brief body (§2.7.4), with a timestamp no double can hold.
const EXACT_BODY = `{
    "cluster": "onebox",
    "role": "replica",
    "host": "pegasus-rs-1",
    "port": 34801,
    "timestamp_ns": 1716188591123456789,
    "entities": [
        {
            "type": "server",
            "id": "server",
            "attributes": {},
            "metrics": [
                {
                    "name": "resident_mem_usage_mb",
                    "value": 3072
                }
            ]
        }
    ]
}`;

function answering(body: string, status = 200, seen: string[] = []) {
  return (request: Request) => {
    seen.push(request.url);
    return Promise.resolve(
      new Response(body, { status, headers: { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)) } }),
    );
  };
}

describe('timestamp_ns', () => {
  it('is a bigint with every digit, where JSON.parse would round it', async () => {
    expect(String((JSON.parse(EXACT_BODY) as { timestamp_ns: number }).timestamp_ns)).toBe('1716188591123456800');
    const replica = createReplicaServerClient({ baseUrl: 'http://pegasus-rs-1:34801', fetch: answering(EXACT_BODY) });
    const { data, error, response } = await getMetrics(replica, { types: ['server'] });
    expectType(data)<MetricsSnapshot | undefined>(true);
    expectType(data?.timestamp_ns)<bigint | undefined>(true);
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data?.timestamp_ns).toBe(1716188591123456789n);
    expect(data?.port).toBe(34801);
    expect(data?.entities[0]?.metrics).toEqual([{ name: 'resident_mem_usage_mb', value: 3072 }]);
  });

  it('is read from the top-level key only, whatever the layout', () => {
    const decoy = JSON.stringify({
      cluster: '", "timestamp_ns": 1, "',
      role: 'meta',
      host: 'h',
      port: 34601,
      timestamp_ns: 0,
      entities: [{ type: 'server', id: 'server', attributes: { timestamp_ns: '2' }, metrics: [], timestamp_ns: 3 }],
    }).replace('"timestamp_ns":0', '"timestamp_ns" :\n18446744073709551615');
    const snapshot = parseMetricsSnapshot(decoy);
    expect(snapshot.timestamp_ns).toBe(18446744073709551615n);
    expect(snapshot.cluster).toBe('", "timestamp_ns": 1, "');
    // A timestamp_ns deeper down is a number like any other.
    expect((snapshot.entities[0] as unknown as { timestamp_ns: unknown }).timestamp_ns).toBe(3);
  });

  it('is required: a v2.5.0 array or an error body is not a snapshot', () => {
    expect(() => parseMetricsSnapshot('[]')).toThrow(/not a \/metrics snapshot/);
    expect(() => parseMetricsSnapshot('{\n    "error_message": "unknown field foo="\n}')).toThrow(/not a \/metrics snapshot/);
  });
});

describe('getMetrics', () => {
  it('sends the query metricsQuery writes, through the client and fetch', async () => {
    const seen: string[] = [];
    const meta = createMetaServerClient({ baseUrl: 'http://127.0.0.1:34601', fetch: answering(EXACT_BODY, 200, seen) });
    const filters: MetricsFilters = {
      types: ['table', 'partition'],
      ids: ["task@RPC_RRDB_RRDB_GET's#1", 'a=b%c'],
      attributes: { table_id: '2' },
      withMetricFields: [],
      detail: false,
    };
    await getMetrics(meta, filters);
    const url = new URL(seen[0]!);
    expect(serverView(`${url.pathname}${url.search}`)).toEqual(intendedView(filters));
  });

  it('refuses a bad filter before sending anything', async () => {
    const seen: string[] = [];
    const meta = createMetaServerClient({ baseUrl: 'http://127.0.0.1:34601', fetch: answering(EXACT_BODY, 200, seen) });
    await expect(getMetrics(meta, { metrics: ['a,b'] })).rejects.toThrow(MetricsFilterError);
    expect(seen).toEqual([]);
  });

  it('gives the error body: JSON from /metrics, text from the framework', async () => {
    const json = createMetaServerClient({
      baseUrl: 'http://127.0.0.1:34601',
      fetch: answering('{\n    "error_message": "unknown field foo=bar"\n}', 400),
    });
    const rejected = await getMetrics(json);
    expectType(rejected.error)<MetricsError | string | undefined>(true);
    expect(rejected.data).toBeUndefined();
    expect(rejected.error).toEqual({ error_message: 'unknown field foo=bar' });
    const text = createMetaServerClient({
      baseUrl: 'http://127.0.0.1:34601',
      fetch: answering('failed to parse request: ERR_INVALID_PARAMETERS: duplicate parameter: types', 400),
    });
    expect((await getMetrics(text)).error).toBe('failed to parse request: ERR_INVALID_PARAMETERS: duplicate parameter: types');
  });
});

describe.each([false, true])('/metrics against the mocks (wire mode: %s)', (wire) => {
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  beforeAll(async () => {
    mocks = await startMocks({ metaPort: 0, replicaPort: 0, wire });
  });
  afterAll(async () => mocks.close());

  it('getMetrics gives the snapshot, timestamp_ns as a bigint', async () => {
    const replica = createReplicaServerClient({ baseUrl: mocks.replica.url });
    const { data } = await getMetrics(replica, {
      types: ['replica', 'server'],
      metrics: ['get_requests', 'get_latency_ns', 'resident_mem_usage_mb'],
    });
    expect(data?.timestamp_ns).toBe(1716188591123456800n);
    expect(data?.entities.map((e) => e.id)).toEqual(['replica@2.3', 'server']);
    const meta = createMetaServerClient({ baseUrl: mocks.meta.url });
    const table = await getMetrics(meta, { types: ['table'], ids: ['table@2'] }, { headers: { Prefer: 'example=metaTable' } });
    expect(table.data?.role).toBe('meta');
  });

  it('getMetrics gives a rejection in error', async () => {
    const replica = createReplicaServerClient({ baseUrl: mocks.replica.url });
    const { data, error, response } = await getMetrics(
      replica,
      {},
      { headers: { Prefer: 'code=400, example=oddAttributes', Accept: 'application/json' } },
    );
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toEqual({
      error_message: 'the number of arguments for attributes should be even, since each attribute name always pairs with a value',
    });
  });

  it('the generic typed client.GET still works, timestamp_ns as JSON.parse reads it', async () => {
    const replica = createReplicaServerClient({ baseUrl: mocks.replica.url });
    const { data, error } = await replica.GET('/metrics', {
      params: { query: { types: ['replica', 'server'], detail: 'true' } },
      headers: { Prefer: 'example=detail' },
    });
    expectType(data)<ReplicaServerSchemas['MetricsSnapshot'] | undefined>(true);
    expectType(error)<ReplicaServerSchemas['MetricsError'] | string | undefined>(true);
    expect(data?.timestamp_ns).toBe(1716188591123456800);
    expect(data?.entities[0]?.metrics[0]).toEqual({
      type: 'Counter',
      name: 'get_requests',
      unit: 'Requests',
      desc: 'The number of GET requests',
      value: 1024,
    });
    const empty = await replica.GET('/metrics', {
      params: { query: { with_metric_fields: ['value'] } },
      headers: { Prefer: 'example=valueOnly' },
    });
    expect(empty.data?.entities[0]?.metrics).toEqual([{ value: 1024 }, {}]);
  });
});

describe('metric names', () => {
  const schema = loadDocument('replica-server').components!.schemas!.KnownMetricName as JsonObject & { enum: string[] };

  it('KnownMetricName is the union of the 214 names of the description, MetricName any string', () => {
    const known: KnownMetricName = 'get_requests';
    const last: KnownMetricName = 'backup_recent_duration_ms';
    // @ts-expect-error: not a name master defines
    const unknown: KnownMetricName = 'no_such_metric';
    const custom: MetricName = 'no_such_metric';
    const suggested: MetricName = known;
    expect(schema.enum).toHaveLength(214);
    expect(schema.enum).toEqual(expect.arrayContaining([known, last]));
    expect(schema.enum).not.toContain(unknown);
    expect([custom, suggested]).toEqual(['no_such_metric', 'get_requests']);
  });
});

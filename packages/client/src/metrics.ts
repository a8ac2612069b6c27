// /metrics made safe to call: the filters written exactly as a Pegasus server reads them (or
// refused when it would read something else), and the snapshot read with `timestamp_ns` as a
// bigint, since that count of nanoseconds exceeds 2^53.
import { listItemProblem } from '@pegasus-http/spec/wire';
import { isLosslessNumber, parse } from 'lossless-json';
import type { MetaServerClient, ReplicaServerClient } from './client.js';
import type { ReleasesServing, ReplicaServerSchemasOf } from './releases.js';

type Schemas = ReplicaServerSchemasOf<'master'>;

/** The 214 metric names Pegasus master defines (the `enum` of the `KnownMetricName` schema). */
export type KnownMetricName = Schemas['KnownMetricName'];
/** A metric name: a known one (suggested by editors) or any other string. */
export type MetricName = KnownMetricName | (string & {});
/** An entity type, as `types` filters them and entities report them. */
export type MetricEntityTypeName = Schemas['MetricEntityType'];
/** A key of a metric object, as `with_metric_fields` names it. */
export type MetricFieldName = Schemas['MetricField'];
/** The body of a rejected `/metrics` request: `{ error_message }`. */
export type MetricsError = Schemas['MetricsError'];

/** A `/metrics` snapshot, with `timestamp_ns` exact. */
export type MetricsSnapshot = Omit<Schemas['MetricsSnapshot'], 'timestamp_ns'> & {
  /** Nanoseconds since the Unix epoch: above 2^53, so a bigint. */
  timestamp_ns: bigint;
};

/** The filters of `/metrics`; each is optional, and different filters combine with AND. */
export interface MetricsFilters {
  /**
   * `with_metric_fields`: the keys to show in each metric object; overrides `detail`. An empty list
   * sends the parameter empty, which shows every key.
   */
  withMetricFields?: readonly (MetricFieldName | (string & {}))[];
  /** `types`: keep the entities of these types. An empty list is no filter. */
  types?: readonly (MetricEntityTypeName | (string & {}))[];
  /** `ids`: keep the entities with these ids (`replica@2.3`, `server`). An empty list is no filter. */
  ids?: readonly string[];
  /**
   * `attributes`: keep the entities that have any of these attributes. An object maps names to
   * values; a list of `[name, value]` pairs allows one name with several values.
   */
  attributes?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** `metrics`: keep only these metrics. An empty list is no filter. */
  metrics?: readonly MetricName[];
  /** `detail`: every key of each metric (`true`), or only the name and values (`false`, the default). */
  detail?: boolean;
}

/** A filter the server would not read as given; thrown before anything is sent. */
export class MetricsFilterError extends Error {
  override name = 'MetricsFilterError';
}

const LIST_FILTERS = [
  ['withMetricFields', 'with_metric_fields'],
  ['types', 'types'],
  ['ids', 'ids'],
  ['attributes', 'attributes'],
  ['metrics', 'metrics'],
] as const;
const FILTER_NAMES = new Set<string>([...LIST_FILTERS.map(([option]) => option), 'detail']);

function listItems(option: string, value: unknown): string[] {
  if (option === 'attributes' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([name, attribute]) => {
      if (typeof attribute !== 'string') throw new MetricsFilterError(`attributes.${name} must be a string, not ${typeof attribute}`);
      return [name, attribute];
    });
  }
  if (!Array.isArray(value)) throw new MetricsFilterError(`${option} must be a list`);
  if (option !== 'attributes') return value as string[];
  return value.flatMap((pair: unknown, index) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new MetricsFilterError(
        `attributes[${index}] must be one [name, value] pair: the server pairs the items two by two, so an odd item would shift every pair after it`,
      );
    }
    return pair as string[];
  });
}

/**
 * The query string (without `?`) that asks `/metrics` for exactly these filters, in the order of
 * the server's help: `with_metric_fields`, `types`, `ids`, `attributes`, `metrics`, `detail`. Items
 * are percent-escaped and joined with `,`. Throws a MetricsFilterError for any filter the server
 * would read differently, instead of sending something else.
 *
 * @example metricsQuery({ types: ['replica'], attributes: { table_id: '2' }, metrics: ['get_requests'] })
 *          // 'types=replica&attributes=table_id,2&metrics=get_requests'
 */
export function metricsQuery(filters: MetricsFilters = {}): string {
  for (const option of Object.keys(filters)) {
    if (!FILTER_NAMES.has(option))
      throw new MetricsFilterError(`unknown filter "${option}"; the filters are ${[...FILTER_NAMES].join(', ')}`);
  }
  const parts: string[] = [];
  for (const [option, parameter] of LIST_FILTERS) {
    const value = filters[option];
    if (value === undefined) continue;
    const items = listItems(option, value);
    items.forEach((item, index) => {
      if (typeof item !== 'string') throw new MetricsFilterError(`${option}[${index}] must be a string, not ${typeof item}`);
      const reason = listItemProblem(item);
      if (reason) throw new MetricsFilterError(`${option}[${index}] ${JSON.stringify(item)} ${reason}`);
    });
    // An empty list is no filter, as for the server; only an empty with_metric_fields means
    // something (every key), so it alone is sent empty.
    if (items.length === 0 && parameter !== 'with_metric_fields') continue;
    parts.push(`${parameter}=${items.map(encodeURIComponent).join(',')}`);
  }
  if (filters.detail !== undefined) {
    if (typeof filters.detail !== 'boolean')
      throw new MetricsFilterError(`detail must be true or false, not ${JSON.stringify(filters.detail)}`);
    parts.push(`detail=${filters.detail}`);
  }
  return parts.join('&');
}

/**
 * Every number as `JSON.parse` reads it (a double), but the top-level `timestamp_ns`, kept as its
 * text. The reviver runs from the leaves up: a `timestamp_ns` is kept until its holder is revived,
 * and becomes a double unless that holder is the top-level object (revived last, under the key '').
 */
function reviveNumbers(key: string, value: unknown): unknown {
  if (isLosslessNumber(value)) return key === 'timestamp_ns' ? value : Number(value.value);
  if (key !== '' && value !== null && typeof value === 'object') {
    const holder = value as { timestamp_ns?: unknown };
    if (isLosslessNumber(holder.timestamp_ns)) holder.timestamp_ns = Number(holder.timestamp_ns.value);
  }
  return value;
}

/**
 * Parses a `/metrics` body. `timestamp_ns` exceeds 2^53, which `JSON.parse` would round (to
 * ...800 for ...789): it is read losslessly (lossless-json) into a bigint. Every other number fits
 * a double. Throws on a body that is not a master snapshot (v2.5.0's bare array, an error body).
 */
export function parseMetricsSnapshot(text: string): MetricsSnapshot {
  // A key given twice keeps its last value, as with JSON.parse.
  const parsed = parse(text, reviveNumbers, { onDuplicateKey: ({ newValue }) => newValue }) as { timestamp_ns?: unknown } | null;
  const timestamp = parsed?.timestamp_ns;
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !isLosslessNumber(timestamp) ||
    !/^\d+$/.test(timestamp.value)
  ) {
    throw new SyntaxError('not a /metrics snapshot: expected an object with an integer timestamp_ns');
  }
  return { ...(parsed as Schemas['MetricsSnapshot']), timestamp_ns: BigInt(timestamp.value) };
}

/** What `getMetrics` gives back: the snapshot on a 200, else the error body. */
export type MetricsResult =
  | { data: MetricsSnapshot; error?: undefined; response: Response }
  | { data?: undefined; error: MetricsError | string | undefined; response: Response };

type LooseGet = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * `GET /metrics` with these filters, through a client of either role (its base URL, fetch and
 * headers apply) of a release that serves `/metrics` (master; v2.5.0 and v2.4.0 do not, so their
 * clients do not type-check here). The filters are checked and written by `metricsQuery`, the body read by
 * `parseMetricsSnapshot`. An error body is in `error`: `{ error_message }` from `/metrics` itself,
 * or the framework's text.
 *
 * @example
 * const { data } = await getMetrics(replica, { types: ['replica'], attributes: { table_id: '2' }, metrics: ['get_requests'] });
 * for (const entity of data?.entities ?? []) console.log(entity.id, entity.metrics);
 */
export async function getMetrics(
  client: MetaServerClient<ReleasesServing<'meta-server', '/metrics'>> | ReplicaServerClient<ReleasesServing<'replica-server', '/metrics'>>,
  filters: MetricsFilters = {},
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<MetricsResult> {
  const query = metricsQuery(filters);
  const { data, error, response } = await (client.GET as unknown as LooseGet)('/metrics', {
    ...init,
    parseAs: 'text',
    querySerializer: () => query,
  });
  if (!response.ok) return { error: error as MetricsError | string | undefined, response };
  return { data: parseMetricsSnapshot(String(data ?? '')), response };
}

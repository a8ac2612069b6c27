// The decoded views: one function per read, which calls the server through the typed client and
// returns the decoded record. A status other than the one read throws a PegasusHttpError, except
// where the server's "not found" has a natural answer (null, or an empty list). The raw calls stay
// available on the client itself. A client of any release will do: the views' calls are the same
// in every release, and the answers are decoded by the schemas of the client's release.
import type { MetaServerClient, ReplicaServerClient } from './client.js';
import {
  type DecodeOptions,
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
} from './decode.js';
import { PegasusHttpError } from './errors.js';
import type { Release } from './releases.js';

/** How the views decode: the servers' time zone. The release is the client's. */
export type ViewOptions = Omit<DecodeOptions, 'release'>;

type Result = { data?: unknown; error?: unknown; response: Response };

function errorText(error: unknown): string {
  return typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
}

/** The decoded body of a 2xx answer, `fallback(status, text)` for the answers it recognises, else a PegasusHttpError. */
async function read<T, R>(
  call: Promise<Result>,
  decode: (data: R, options: DecodeOptions) => T,
  options: DecodeOptions,
  fallback?: (status: number, text: string) => T | undefined,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return decode(data as R, options);
  const text = errorText(error);
  const answer = fallback?.(response.status, text);
  if (answer !== undefined) return answer;
  throw new PegasusHttpError(`${response.url}: ${response.status} ${text}`.trim(), response.status, text);
}

/** The reads both roles serve, through `client` typed by master's paths, decoded by `options`' release. */
function commonViews(client: MetaServerClient, options: DecodeOptions) {
  return {
    /** `/version`. */
    version: () => read(client.GET('/version'), decodeVersion, options),
    /** `/recentStartTime`, as a Date. */
    startTime: () => read(client.GET('/recentStartTime'), decodeStartTime, options),
    /** `/config`: one flag, or null when no flag has that name. */
    flag: (name: string) => read(client.GET('/config', { params: { query: { name } } }), decodeFlag, options),
    /** `/configs`: every flag. */
    flags: () => read(client.GET('/configs'), decodeFlags, options),
  };
}

/** A client of any release typed by master's paths, for the views' calls, and its release's decoding. */
function viewed(client: MetaServerClient<Release> | ReplicaServerClient<Release>, options: ViewOptions) {
  return { typed: client as unknown as MetaServerClient, decoding: { ...options, release: client.release } };
}

/** Decoded reads of a MetaServer, of any release. */
export function metaServerViews(client: MetaServerClient<Release>, options: ViewOptions = {}) {
  const { typed, decoding } = viewed(client, options);
  return {
    ...commonViews(typed, decoding),
    /** `/meta/apps`: the available tables; with `detail`, their health. */
    tables: ({ detail = false } = {}) =>
      read(typed.GET('/meta/apps', { params: { query: detail ? { detail: '' } : {} } }), decodeTableList, decoding),
    /** `/meta/app`: a table's partitions, or null when there is no such table. */
    table: (name: string, { detail = false } = {}) =>
      read(typed.GET('/meta/app', { params: { query: detail ? { name, detail: '' } : { name } } }), decodeTable, decoding, (status) =>
        status === 404 ? null : undefined,
      ),
    /** `/meta/nodes`: the replica servers; with `detail`, their replica counts. */
    nodes: ({ detail = false } = {}) =>
      read(typed.GET('/meta/nodes', { params: { query: detail ? { detail: '' } : {} } }), decodeNodeList, decoding),
    /** `/meta/cluster`. */
    cluster: () => read(typed.GET('/meta/cluster'), decodeCluster, decoding),
    /** `/meta/app_envs`: a table's environment variables (none for an unknown table). */
    tableEnvs: (name: string) => read(typed.GET('/meta/app_envs', { params: { query: { name } } }), decodeTableEnvs, decoding),
  };
}

/** Decoded reads of a ReplicaServer, of any release. */
export function replicaServerViews(client: ReplicaServerClient<Release>, options: ViewOptions = {}) {
  const { typed, decoding } = viewed(client, options);
  const replica = typed as unknown as ReplicaServerClient;
  const notHere = (status: number, text: string) =>
    status === 404 && /not found$|^no primary for app|^no duplication assigned/.test(text) ? [] : undefined;
  return {
    ...commonViews(typed, decoding),
    /** `/replica/data_version`: the table's partitions on this server (none when it holds none). */
    dataVersions: (appId: number) =>
      read(replica.GET('/replica/data_version', { params: { query: { app_id: appId } } }), decodeDataVersions, decoding, notHere),
    /** `/replica/duplication`: the table's duplications on this server's primaries (none when there is none). */
    duplications: (appId: number) =>
      read(replica.GET('/replica/duplication', { params: { query: { appid: appId } } }), decodeReplicaDuplications, decoding, notHere),
    /** `/replica/manual_compaction`: this server's replicas of the table by compaction state. */
    manualCompaction: (appId: number) =>
      read(replica.GET('/replica/manual_compaction', { params: { query: { app_id: appId } } }), decodeManualCompaction, decoding),
  };
}

export type MetaServerViews = ReturnType<typeof metaServerViews>;
export type ReplicaServerViews = ReturnType<typeof replicaServerViews>;

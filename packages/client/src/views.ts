// The decoded views: one function per read, which calls the server through the typed client and
// returns the decoded record. A status other than the one read throws a PegasusHttpError, except
// where the server's "not found" has a natural answer (null, or an empty list). The raw calls stay
// available on the client itself.
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

type Result = { data?: unknown; error?: unknown; response: Response };

function errorText(error: unknown): string {
  return typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
}

/** The decoded body of a 2xx answer, `fallback(status, text)` for the answers it recognises, else a PegasusHttpError. */
async function read<T, R>(
  call: Promise<Result>,
  decode: (data: R) => T,
  fallback?: (status: number, text: string) => T | undefined,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return decode(data as R);
  const text = errorText(error);
  const answer = fallback?.(response.status, text);
  if (answer !== undefined) return answer;
  throw new PegasusHttpError(`${response.url}: ${response.status} ${text}`.trim(), response.status, text);
}

/** The reads both roles serve. */
function commonViews(client: MetaServerClient, options: DecodeOptions) {
  return {
    /** `/version`. */
    version: () => read(client.GET('/version'), decodeVersion),
    /** `/recentStartTime`, as a Date. */
    startTime: () => read(client.GET('/recentStartTime'), (raw: Parameters<typeof decodeStartTime>[0]) => decodeStartTime(raw, options)),
    /** `/config`: one flag, or null when no flag has that name. */
    flag: (name: string) => read(client.GET('/config', { params: { query: { name } } }), decodeFlag),
    /** `/configs`: every flag. */
    flags: () => read(client.GET('/configs'), decodeFlags),
  };
}

/** Decoded reads of a MetaServer. */
export function metaServerViews(client: MetaServerClient, options: DecodeOptions = {}) {
  return {
    ...commonViews(client, options),
    /** `/meta/apps`: the available tables; with `detail`, their health. */
    tables: ({ detail = false } = {}) =>
      read(client.GET('/meta/apps', { params: { query: detail ? { detail: '' } : {} } }), (raw: Parameters<typeof decodeTableList>[0]) =>
        decodeTableList(raw, options),
      ),
    /** `/meta/app`: a table's partitions, or null when there is no such table. */
    table: (name: string, { detail = false } = {}) =>
      read(client.GET('/meta/app', { params: { query: detail ? { name, detail: '' } : { name } } }), decodeTable, (status) =>
        status === 404 ? null : undefined,
      ),
    /** `/meta/nodes`: the replica servers; with `detail`, their replica counts. */
    nodes: ({ detail = false } = {}) =>
      read(client.GET('/meta/nodes', { params: { query: detail ? { detail: '' } : {} } }), decodeNodeList),
    /** `/meta/cluster`. */
    cluster: () => read(client.GET('/meta/cluster'), decodeCluster),
    /** `/meta/app_envs`: a table's environment variables (none for an unknown table). */
    tableEnvs: (name: string) => read(client.GET('/meta/app_envs', { params: { query: { name } } }), decodeTableEnvs),
  };
}

/** Decoded reads of a ReplicaServer. */
export function replicaServerViews(client: ReplicaServerClient, options: DecodeOptions = {}) {
  const notHere = (status: number, text: string) =>
    status === 404 && /not found$|^no primary for app|^no duplication assigned/.test(text) ? [] : undefined;
  return {
    ...commonViews(client as unknown as MetaServerClient, options),
    /** `/replica/data_version`: the table's partitions on this server (none when it holds none). */
    dataVersions: (appId: number) =>
      read(client.GET('/replica/data_version', { params: { query: { app_id: appId } } }), decodeDataVersions, notHere),
    /** `/replica/duplication`: the table's duplications on this server's primaries (none when there is none). */
    duplications: (appId: number) =>
      read(client.GET('/replica/duplication', { params: { query: { appid: appId } } }), decodeReplicaDuplications, notHere),
    /** `/replica/manual_compaction`: this server's replicas of the table by compaction state. */
    manualCompaction: (appId: number) =>
      read(client.GET('/replica/manual_compaction', { params: { query: { app_id: appId } } }), decodeManualCompaction),
  };
}

export type MetaServerViews = ReturnType<typeof metaServerViews>;
export type ReplicaServerViews = ReturnType<typeof replicaServerViews>;

// The MetaServer's tables and a table's duplications, and the text error of a table that does not exist.
import type { Api } from './client/api.js';
import { connect, failure } from './connect.js';

type Meta = Api<unknown>['meta'];

export async function apps(baseUrl: string, query: Parameters<Meta['appsList']>[0], prefer: string) {
  const { data } = await connect(baseUrl).meta.appsList(query, { headers: { Prefer: prefer } });
  return data;
}

export async function duplications(baseUrl: string, query: Parameters<Meta['appDuplicationsList']>[0]) {
  const { data } = await connect(baseUrl).meta.appDuplicationsList(query);
  return data;
}

export function duplicationsError(baseUrl: string, query: Parameters<Meta['appDuplicationsList']>[0], prefer: string) {
  return failure(connect(baseUrl).meta.appDuplicationsList(query, { headers: { Prefer: prefer } }));
}

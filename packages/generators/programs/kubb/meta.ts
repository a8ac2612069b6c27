// The MetaServer's tables and a table's duplications, and the text error of a table that does not exist.
import { type AppDuplicationsListQueryParams, type AppsListQueryParams, appDuplicationsList, appsList } from './client/index.js';
import { connect, failure } from './connect.js';

export function apps(baseUrl: string, query: AppsListQueryParams, prefer: string) {
  return appsList(query, connect(baseUrl, { Prefer: prefer }));
}

export function duplications(baseUrl: string, query: AppDuplicationsListQueryParams) {
  return appDuplicationsList(query, connect(baseUrl));
}

export function duplicationsError(baseUrl: string, query: AppDuplicationsListQueryParams, prefer: string) {
  return failure(appDuplicationsList(query, connect(baseUrl, { Prefer: prefer })));
}

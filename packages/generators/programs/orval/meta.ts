// The MetaServer's tables and a table's duplications, and the text error of a table that does not exist.
import { type AppDuplicationsListParams, type AppsListParams, appDuplicationsList, appsList } from './client/api.js';
import { connect, failure } from './connect.js';

export function apps(baseUrl: string, query: AppsListParams, prefer: string) {
  return appsList(query, connect(baseUrl, { Prefer: prefer }));
}

export function duplications(baseUrl: string, query: AppDuplicationsListParams) {
  return appDuplicationsList(query, connect(baseUrl));
}

export function duplicationsError(baseUrl: string, query: AppDuplicationsListParams, prefer: string) {
  return failure(appDuplicationsList(query, connect(baseUrl, { Prefer: prefer })));
}

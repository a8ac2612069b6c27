// The MetaServer's tables and a table's duplications, and the text error of a table that does not exist.
import type { ApiOf, ZodiosQueryParamsByAlias } from '@zodios/core';
import type { api } from './client.js';
import { connect, failure } from './connect.js';

type Api = ApiOf<typeof api>;

export function apps(baseUrl: string, queries: ZodiosQueryParamsByAlias<Api, 'apps_list'>, prefer: string) {
  return connect(baseUrl).apps_list({ queries, headers: { Prefer: prefer } });
}

export function duplications(baseUrl: string, queries: ZodiosQueryParamsByAlias<Api, 'appDuplications_list'>) {
  return connect(baseUrl).appDuplications_list({ queries });
}

export function duplicationsError(baseUrl: string, queries: ZodiosQueryParamsByAlias<Api, 'appDuplications_list'>, prefer: string) {
  return failure(connect(baseUrl).appDuplications_list({ queries, headers: { Prefer: prefer } }));
}

// The releases' /perfCounter.
import type { ApiOf, ZodiosQueryParamsByAlias } from '@zodios/core';
import type { api } from './client.js';
import { connect } from './connect.js';

export function perfCounter(baseUrl: string, queries: ZodiosQueryParamsByAlias<ApiOf<typeof api>, 'perfCounter_get'>) {
  return connect(baseUrl).perfCounter_get({ queries });
}

// Master's /metrics: a snapshot filtered by lists (sent comma-joined, as the description says), and its JSON error.
import type { ApiOf, ZodiosQueryParamsByAlias } from '@zodios/core';
import type { api } from './client.js';
import { connect, failure } from './connect.js';

type Query = ZodiosQueryParamsByAlias<ApiOf<typeof api>, 'metrics_get'>;

export function metrics(baseUrl: string, queries: Query) {
  return connect(baseUrl).metrics_get({ queries });
}

export function metricsError(baseUrl: string, queries: Query, prefer: string) {
  return failure(connect(baseUrl).metrics_get({ queries, headers: { Prefer: prefer } }));
}

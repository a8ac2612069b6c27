// Master's /metrics: a snapshot filtered by lists (sent comma-joined, as the description says), and its JSON error.
import { type MetricsGetQueryParams, metricsGet } from './client/index.js';
import { connect, failure } from './connect.js';

export function metrics(baseUrl: string, query: MetricsGetQueryParams) {
  return metricsGet(query, connect(baseUrl));
}

export function metricsError(baseUrl: string, query: MetricsGetQueryParams, prefer: string) {
  return failure(metricsGet(query, connect(baseUrl, { Prefer: prefer })));
}

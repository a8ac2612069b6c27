// Master's /metrics: a snapshot filtered by lists (sent comma-joined, as the description says), and its JSON error.
import { type MetricsGetParams, metricsGet } from './client/api.js';
import { connect, failure } from './connect.js';

export function metrics(baseUrl: string, query: MetricsGetParams) {
  return metricsGet(query, connect(baseUrl));
}

export function metricsError(baseUrl: string, query: MetricsGetParams, prefer: string) {
  return failure(metricsGet(query, connect(baseUrl, { Prefer: prefer })));
}

// Master's /metrics: a snapshot filtered by lists (sent comma-joined, as the description says), and its JSON error.
import type { Api } from './client/api.js';
import { connect, failure } from './connect.js';

type Query = Parameters<Api<unknown>['metrics']['metricsGet']>[0];

export async function metrics(baseUrl: string, query: Query) {
  const { data } = await connect(baseUrl).metrics.metricsGet(query);
  return data;
}

export function metricsError(baseUrl: string, query: Query, prefer: string) {
  return failure(connect(baseUrl).metrics.metricsGet(query, { headers: { Prefer: prefer } }));
}

// Master's /metrics: a snapshot filtered by lists (sent comma-joined, as the description says), and its JSON error.
import type { MetricsGetData } from './client/index.js';
import { metricsGet } from './client/sdk.gen.js';
import { connect } from './connect.js';

export async function metrics(baseUrl: string, query: MetricsGetData['query']) {
  const { data } = await metricsGet({ client: connect(baseUrl), query, throwOnError: true });
  return data;
}

export async function metricsError(baseUrl: string, query: MetricsGetData['query'], prefer: string) {
  const { error, response } = await metricsGet({ client: connect(baseUrl), query, headers: { Prefer: prefer } });
  return { status: response.status, body: error };
}

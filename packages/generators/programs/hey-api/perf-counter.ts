// The releases' /perfCounter.
import type { PerfCounterGetData } from './client/index.js';
import { perfCounterGet } from './client/sdk.gen.js';
import { connect } from './connect.js';

export async function perfCounter(baseUrl: string, query: PerfCounterGetData['query']) {
  const { data } = await perfCounterGet({ client: connect(baseUrl), query, throwOnError: true });
  return data;
}

// The releases' /perfCounter.
import type { Api } from './client/api.js';
import { connect } from './connect.js';

export async function perfCounter(baseUrl: string, query: Parameters<Api<unknown>['perfCounter']['perfCounterGet']>[0]) {
  const { data } = await connect(baseUrl).perfCounter.perfCounterGet(query);
  return data;
}

// The releases' /perfCounter.
import { type PerfCounterGetQueryParams, perfCounterGet } from './client/index.js';
import { connect } from './connect.js';

export function perfCounter(baseUrl: string, query: PerfCounterGetQueryParams) {
  return perfCounterGet(query, connect(baseUrl));
}

// The releases' /perfCounter.
import { type PerfCounterGetParams, perfCounterGet } from './client/api.js';
import { connect } from './connect.js';

export function perfCounter(baseUrl: string, query: PerfCounterGetParams) {
  return perfCounterGet(query, connect(baseUrl));
}

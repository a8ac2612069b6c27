// The ReplicaServer's text error of a table it does not hold.
import type { ApiOf, ZodiosQueryParamsByAlias } from '@zodios/core';
import type { api } from './client.js';
import { connect, failure } from './connect.js';

export function dataVersionError(
  baseUrl: string,
  queries: ZodiosQueryParamsByAlias<ApiOf<typeof api>, 'replicaDataVersion_get'>,
  prefer: string,
) {
  return failure(connect(baseUrl).replicaDataVersion_get({ queries, headers: { Prefer: prefer } }));
}

// The ReplicaServer's text error of a table it does not hold.
import type { Api } from './client/api.js';
import { connect, failure } from './connect.js';

export function dataVersionError(baseUrl: string, query: Parameters<Api<unknown>['replica']['replicaDataVersionGet']>[0], prefer: string) {
  return failure(connect(baseUrl).replica.replicaDataVersionGet(query, { headers: { Prefer: prefer } }));
}

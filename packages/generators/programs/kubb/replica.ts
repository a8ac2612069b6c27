// The ReplicaServer's text error of a table it does not hold.
import { type ReplicaDataVersionGetQueryParams, replicaDataVersionGet } from './client/index.js';
import { connect, failure } from './connect.js';

export function dataVersionError(baseUrl: string, query: ReplicaDataVersionGetQueryParams, prefer: string) {
  return failure(replicaDataVersionGet(query, connect(baseUrl, { Prefer: prefer })));
}

// The ReplicaServer's text error of a table it does not hold.
import { type ReplicaDataVersionGetParams, replicaDataVersionGet } from './client/api.js';
import { connect, failure } from './connect.js';

export function dataVersionError(baseUrl: string, query: ReplicaDataVersionGetParams, prefer: string) {
  return failure(replicaDataVersionGet(query, connect(baseUrl, { Prefer: prefer })));
}

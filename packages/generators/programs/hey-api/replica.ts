// The ReplicaServer's text error of a table it does not hold.
import type { ReplicaDataVersionGetData } from './client/index.js';
import { replicaDataVersionGet } from './client/sdk.gen.js';
import { connect } from './connect.js';

export async function dataVersionError(baseUrl: string, query: ReplicaDataVersionGetData['query'], prefer: string) {
  const { error, response } = await replicaDataVersionGet({ client: connect(baseUrl), query, headers: { Prefer: prefer } });
  return { status: response.status, body: error };
}

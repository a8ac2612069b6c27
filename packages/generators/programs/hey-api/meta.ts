// The MetaServer's tables and a table's duplications, and the text error of a table that does not exist.
import type { AppDuplicationsListData, AppsListData } from './client/index.js';
import { appDuplicationsList, appsList } from './client/sdk.gen.js';
import { connect } from './connect.js';

export async function apps(baseUrl: string, query: AppsListData['query'], prefer: string) {
  const { data } = await appsList({ client: connect(baseUrl), query, headers: { Prefer: prefer }, throwOnError: true });
  return data;
}

export async function duplications(baseUrl: string, query: AppDuplicationsListData['query']) {
  const { data } = await appDuplicationsList({ client: connect(baseUrl), query, throwOnError: true });
  return data;
}

export async function duplicationsError(baseUrl: string, query: AppDuplicationsListData['query'], prefer: string) {
  const { error, response } = await appDuplicationsList({ client: connect(baseUrl), query, headers: { Prefer: prefer } });
  return { status: response.status, body: error };
}

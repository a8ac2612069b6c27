// A Zodios client of one Pegasus server. Its axios parses a body that is JSON whatever its label
// and leaves text as it is, but Zodios checks a body with zod only when it is labelled
// `application/json`, and Pegasus labels every body `text/plain`: the interceptor labels each
// body axios decoded as JSON so, and zod checks it. Lists go comma-joined in one parameter, as
// Pegasus reads them (`types=replica,server`). Axios throws on an error answer.
import { isAxiosError } from 'axios';
import { createApiClient } from './client.js';

function commaLists(params: Record<string, unknown>): string {
  const pairs = Object.entries(params).filter(([, value]) => value !== undefined);
  return new URLSearchParams(pairs.map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])).toString();
}

export function connect(baseUrl: string) {
  const client = createApiClient(baseUrl, { axiosConfig: { paramsSerializer: { serialize: commaLists } } });
  client.axios.interceptors.response.use((response) => {
    if (typeof response.data !== 'string') response.headers['content-type'] = 'application/json';
    return response;
  });
  return client;
}

/** The status and body of the error answer a call gets. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (isAxiosError(error) && error.response) return { status: error.response.status, body: error.response.data as unknown };
    throw error;
  }
  throw new Error('the call succeeded');
}

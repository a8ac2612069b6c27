// The options of every call to one Pegasus server, with Kubb's axios client. Axios parses a body
// that is JSON whatever its label (Pegasus labels every body `text/plain`) and leaves text as it
// is; lists go comma-joined in one parameter, as Pegasus reads them (`types=replica,server`), set
// once on the client's axios instance. Axios throws on an error answer.
import { isAxiosError } from 'axios';
import { axiosInstance } from './client/.kubb/fetch.js';

function commaLists(params: Record<string, unknown>): string {
  const pairs = Object.entries(params).filter(([, value]) => value !== undefined);
  return new URLSearchParams(pairs.map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])).toString();
}

axiosInstance.defaults.paramsSerializer = { serialize: commaLists };

export function connect(baseUrl: string, headers: Record<string, string> = {}) {
  return { baseURL: baseUrl, headers };
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

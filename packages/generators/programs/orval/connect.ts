// The options of every call to one Pegasus server: its base URL and headers (the client's calls go
// through pegasus-axios.ts, which reads the answers). Axios throws on an error answer.
import { isAxiosError } from 'axios';

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

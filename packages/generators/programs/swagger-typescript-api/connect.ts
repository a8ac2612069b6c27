// A client of one Pegasus server. The generated calls read JSON with `response.json()`, whatever
// the label (Pegasus labels every body `text/plain`), but give a call without a format (a text
// answer) no body at all: `format: 'text'` is the default here. Lists go comma-joined in one
// parameter, as Pegasus reads them (`types=replica,server`). An error answer is thrown; a text
// error of a JSON call leaves a SyntaxError in `error`, and its body is read again as text.
import { Api, type HttpResponse, type QueryParamsType } from './client/api.js';

class PegasusApi extends Api<unknown> {
  protected override addArrayQueryParam(query: QueryParamsType, key: string) {
    return this.encodeQueryParam(key, query[key].join(','));
  }
}

export function connect(baseUrl: string) {
  return new PegasusApi({ baseUrl, baseApiParams: { format: 'text' } });
}

/** The status and body of the error answer a call gets. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (thrown) {
    const response = thrown as HttpResponse<unknown, unknown>;
    return { status: response.status, body: response.error instanceof SyntaxError ? await response.text() : response.error };
  }
  throw new Error('the call succeeded');
}

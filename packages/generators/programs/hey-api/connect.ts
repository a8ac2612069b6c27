// A client of one Pegasus server. Pegasus labels every body `text/plain`, JSON included, and this
// client picks its parser from the label: tell it to parse JSON, and give the calls whose answer is
// text (`/pprof/*`) `TEXT`. An error answer comes back in `error`, JSON or text as it is.
import { createClient, createConfig } from './client/client/index.js';

export function connect(baseUrl: string) {
  return createClient(createConfig({ baseUrl, parseAs: 'json' }));
}

/** The option of a call whose answer is text. */
export const TEXT = { parseAs: 'text' } as const;

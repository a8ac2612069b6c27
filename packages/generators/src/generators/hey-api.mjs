// @hey-api/openapi-ts, in process, from the configuration the page shows (configs/openapi-ts.config.ts)
// with the paths of one role and release.
import { createClient } from '@hey-api/openapi-ts';
import { pegasusConfig } from '../../configs/openapi-ts.config.ts';

/** Writes the client of `input` into the folder `output`. */
export async function generate({ input, output }) {
  await createClient({ ...pegasusConfig(input, output), logs: { level: 'silent', file: false } });
}

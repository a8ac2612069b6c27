// swagger-typescript-api, in process: the page's command `generate -p <artifact> -o <folder> -n api.ts`.
import { basename, dirname } from 'node:path';
import { generateApi } from 'swagger-typescript-api';

/** Writes the fetch client of `input` into the file `output`. */
export async function generate({ input, output }) {
  await generateApi({ input, output: dirname(output), fileName: basename(output), silent: true });
}

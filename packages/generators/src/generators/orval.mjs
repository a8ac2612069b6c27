// orval, in process, from the configuration the page shows (configs/orval.config.ts) with the
// paths of one role and release (the folder holds the configuration's files): what
// `npx orval --config orval.config.ts` does.
import { generate as orval } from 'orval';
import { pegasusConfig } from '../../configs/orval.config.ts';

/** Writes the client of `input` into the file `output`; resolves to what the configuration's hook mended. */
export async function generate({ input, output, folder }) {
  const mended = { quotes: 0, imports: 0 };
  await orval(pegasusConfig(input, output, mended), folder);
  return mended;
}

// orval's configuration for a Pegasus client: `npx orval --config orval.config.ts`, next to the
// artifact, pegasus-axios.ts (every call goes through it) and orval-mends.ts (what orval writes
// wrong, mended once it has written the client).
import { defineConfig, type Options } from 'orval';
import { type Mended, mendOrval } from './orval-mends.js';

/** One client: the artifact `input`, the file `output` (and what the hook mended, counted in `mended`). */
export function pegasusConfig(input: string, output: string, mended?: Mended) {
  return {
    input: { target: input },
    output: {
      target: output,
      client: 'axios-functions',
      mode: 'single',
      override: { mutator: { path: './pegasus-axios.ts', name: 'pegasusAxios' } },
    },
    hooks: { afterAllFilesWrite: mendOrval(input, mended) },
  } satisfies Options;
}

export default defineConfig({ pegasus: pegasusConfig('meta-server.openapi.json', 'client/api.ts') });

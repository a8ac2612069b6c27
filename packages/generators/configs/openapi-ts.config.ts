// Hey API's configuration for a Pegasus client: `npx @hey-api/openapi-ts -f openapi-ts.config.ts`,
// next to the artifact. The imports of the client end in `.js`, so that it compiles in a Node.js
// project (`moduleResolution: NodeNext`) as in a bundled one; without `module.extension`, Hey API
// takes it from the first tsconfig*.json above its own installation.
import { defineConfig, type UserConfig } from '@hey-api/openapi-ts';

/** One client: the artifact `input`, the folder `output`. */
export function pegasusConfig(input: string, output: string) {
  return {
    input,
    output: { path: output, module: { extension: '.js' } },
    plugins: ['@hey-api/client-fetch'],
  } satisfies UserConfig;
}

export default defineConfig(pegasusConfig('meta-server.openapi.json', 'client'));

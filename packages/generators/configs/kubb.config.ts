// Kubb's configuration for a Pegasus client: `npx kubb generate --config kubb.config.ts`, next to
// the artifact. The axios client (Kubb's default) reads a JSON body whatever its Content-Type and
// leaves a text body as it is; Kubb's fetch client parses every body as JSON, and throws on text.
// The imports end in `.js`, so that the client compiles in a Node.js project as in a bundled one.
import { defineConfig, type UserConfig } from '@kubb/core';
import { pluginClient } from '@kubb/plugin-client';
import { pluginOas } from '@kubb/plugin-oas';
import { pluginTs } from '@kubb/plugin-ts';

/** One client: the artifact `input`, the folder `output`. */
export function pegasusConfig(input: string, output: string) {
  return {
    input: { path: input },
    output: { path: output, clean: true, format: false, lint: false, extension: { '.ts': '.js' } },
    plugins: [pluginOas({ generators: [] }), pluginTs(), pluginClient({ client: 'axios', bundle: true })],
  } satisfies UserConfig;
}

export default defineConfig(pegasusConfig('meta-server.openapi.json', 'client'));

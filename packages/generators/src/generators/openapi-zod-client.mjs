// openapi-zod-client, in process: the page's command, its flags read from the matrix
// (`--export-types`, `--media-type-expr <expression>`; the CLI's default `--with-alias` named methods).
import { readFile } from 'node:fs/promises';
import { generateZodClientFromOpenAPI } from 'openapi-zod-client';
import { generatorEntry } from '../matrix.mjs';

const { command } = generatorEntry('openapi-zod-client');
const OPTIONS = {
  withAlias: true,
  shouldExportAllTypes: command.includes('--export-types'),
  isMediaTypeAllowed: command[command.indexOf('--media-type-expr') + 1],
};

/** Writes the Zodios client of `input` into the file `output`. */
export async function generate({ input, output }) {
  const openApiDoc = JSON.parse(await readFile(input, 'utf8'));
  await generateZodClientFromOpenAPI({ openApiDoc, distPath: output, options: OPTIONS });
}

// Where the matrix writes: generated/<generator>/<release>/<role>/ holds a client (in the entry's
// `output`) and the programs that call it; generated/ is gitignored and rewritten on every run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const GENERATED_DIR = join(PACKAGE_DIR, 'generated');

/** The folder of everything one generator wrote, with the tsconfig.json that checks it. */
export function generatorFolder(id) {
  return join(GENERATED_DIR, id);
}

/** The folder of one client and its programs. */
export function clientFolder(id, release, role) {
  return join(generatorFolder(id), release, role);
}

/** Where a program module of a generator is kept, and where it goes next to a client. */
export function programFile(id, module, folder = join(PACKAGE_DIR, 'programs', id)) {
  return join(folder, `${module}.ts`);
}

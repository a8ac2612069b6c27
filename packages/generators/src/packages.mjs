// An installed package's own package.json, found as Node.js finds the package (whatever its
// `exports` allow): in the node_modules of this folder or of one above it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_DIR } from './layout.mjs';

/** The folder of an installed package and its manifest. */
export function installedPackage(name) {
  for (let dir = PACKAGE_DIR; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return { dir: dirname(manifest), manifest: JSON.parse(readFileSync(manifest, 'utf8')) };
  }
  throw new Error(`${name} is not installed`);
}

// npm run pack: the published packages as npm tarballs in packs/, for teams that use the client,
// the mock or the contract kit in a project of their own (the packages are on no registry).
// Run after `npm run build` (the root script does both).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLISHED = ['@pegasus-http/spec', '@pegasus-http/client', '@pegasus-http/mock', '@pegasus-http/contract'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Packs every published package into `destination`; returns the tarballs' paths. */
export function packAll(destination = join(ROOT, 'packs')) {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  execFileSync('npm', ['pack', '--silent', ...PUBLISHED.flatMap((name) => ['--workspace', name]), '--pack-destination', destination], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(destination, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tarballs = packAll();
  console.log(`Packed into packs/:\n${tarballs.map((t) => `  ${t}`).join('\n')}\n`);
  console.log('In your project, install them together (the client and the mock need the spec package):');
  console.log(`  npm install ${tarballs.join(' ')}`);
}

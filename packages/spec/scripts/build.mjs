// npm run build: the artifacts (scripts/bundle.mjs) and the library (tsc) at the same time, since
// neither needs the other; fails if either fails.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PACKAGE, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

try {
  await Promise.all([run([join(PACKAGE, 'scripts', 'bundle.mjs')]), run([TSC, '-p', 'tsconfig.json'])]);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

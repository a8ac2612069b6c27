// The README's TypeScript examples compile against the built package, as a user would import it.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(PACKAGE, 'test-output', 'readme');
const require = createRequire(import.meta.url);

it('compiles every TypeScript example of the README', async () => {
  const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  // Each example stands on its own, as a module.
  const files = blocks.map((block, i) => {
    writeFileSync(join(WORK, `example-${i + 1}.ts`), `${block}\nexport {};\n`);
    return `example-${i + 1}.ts`;
  });
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true }, files }),
  );
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const output = await new Promise<string>((resolve) => execFile(process.execPath, [tsc, '-p', WORK], (_error, stdout) => resolve(stdout)));
  expect(output).toBe('');
}, 60_000);

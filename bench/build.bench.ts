// The build as a new contributor meets it: a cold `npx turbo run build` (nothing built, nothing
// cached, as after `git clone && npm ci`) and the fully cached one after it, against the fixed
// cost of starting npx and turbo (`npx turbo --version`), all in a copy of the working tree so
// that the checkout's own outputs and cache stay as they are.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, bench, describe } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENV = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', NO_COLOR: '1' };
const WORKSPACES = ['packages', 'apps'].flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(group, name)));

/** The working tree as git sees it (tracked and untracked, not ignored), with .git and every node_modules. */
function copyOfWorkingTree(): string {
  const copy = mkdtempSync(join(tmpdir(), 'pegasus-build-bench-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files.filter((f) => existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  for (const folder of ['.git', 'node_modules', ...WORKSPACES.map((w) => join(w, 'node_modules'))]) {
    if (existsSync(join(ROOT, folder))) execFileSync('cp', ['-a', join(ROOT, folder), join(copy, folder)]);
  }
  return copy;
}

/** Removes every build output and turbo's cache: the copy is as after `npm ci`. */
function clean(copy: string): void {
  rmSync(join(copy, '.turbo'), { recursive: true, force: true });
  for (const workspace of WORKSPACES) {
    for (const output of ['dist', '.turbo', 'src/generated']) rmSync(join(copy, workspace, output), { recursive: true, force: true });
  }
}

const turbo = (copy: string, ...args: string[]) => execFileSync('npx', ['turbo', ...args], { cwd: copy, env: ENV, stdio: 'ignore' });

const copy = copyOfWorkingTree();
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('build', () => {
  bench('baseline: npx turbo --version', () => void turbo(copy, '--version'), { time: 0, iterations: 5, warmupIterations: 1 });
  // vitest's bench runs no per-iteration hook: the cold build cleans first (a few rm -rf, next to nothing beside the build).
  bench(
    'cold full build (npx turbo run build)',
    () => {
      clean(copy);
      turbo(copy, 'run', 'build');
    },
    { time: 0, iterations: 3, warmupIterations: 0 },
  );
  bench('fully cached build ("FULL TURBO")', () => void turbo(copy, 'run', 'build'), { time: 0, iterations: 5, warmupIterations: 1 });
});

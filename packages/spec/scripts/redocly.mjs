// Runs the Redocly CLI of this package and returns its output without the Node 20 end-of-life
// banner it prints on every run. Throws, with the output, when the CLI fails.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const CLI = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OPENAPI_DIR = join(REPO_ROOT, 'openapi');
export const CONFIG = join(OPENAPI_DIR, 'redocly.yaml');
export const ROLES = ['meta-server', 'replica-server'];

const BANNER_LINE = /^\s*[╔║╚].*$/gmu;

/** Resolves to the CLI's output (stdout and stderr, or stdout only with `stdoutOnly`). */
export function redocly(args, { cwd = REPO_ROOT, stdoutOnly = false } = {}) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.replace(BANNER_LINE, '').replace(/\n{3,}/g, '\n\n').trim();
      if (error) reject(Object.assign(new Error(`redocly ${args[0]} failed:\n${output}`), { output, stdout, code: error.code }));
      else resolve(stdoutOnly ? stdout : output);
    });
  });
}

/** Runs `redocly lint … --format json` and returns one report per linted API (the CLI prints them back to back). */
export async function lintReports(args, options = {}) {
  const json = await redocly(['lint', ...args, '--format', 'json'], { ...options, stdoutOnly: true }).catch((error) => {
    if (error.stdout === undefined) throw error;
    return error.stdout;
  });
  return JSON.parse(`[${json.trim().replaceAll('\n}{\n', '\n},{\n')}]`);
}

// The packages as another team gets them: `npm run pack`'s tarballs installed into a scratch project
// outside the workspace; a small program that uses the client type-checks under --strict, and, run
// against `pegasus-mock` started from that project, prints what the mock answered.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { operationIndex } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { packAll } from '../../../scripts/pack.mjs';

const run = promisify(execFile);
const PROGRAM = `import { createMetaServerClient, decodeVersion, type MetaServerClient } from '@pegasus-http/client';

const meta = createMetaServerClient({ baseUrl: process.argv[2] ?? 'http://127.0.0.1:34601' });
const { data, response } = await meta.GET('/meta/app', { params: { query: { name: 'temp' } } });
if (!response.ok || !data) throw new Error(\`status \${response.status}\`);
const version = await meta.GET('/version');
// A client typed by a release's description, whose types come from the installed @pegasus-http/spec too.
const released: MetaServerClient<'v2.5.0'> = createMetaServerClient({ baseUrl: 'http://127.0.0.1:9', release: 'v2.5.0' });
console.log(
  JSON.stringify({ table: data.general.app_name, version: version.data ? decodeVersion(version.data).version : null, release: released.release }),
);
`;

let project: string;
let mock: ChildProcess | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pegasus-consumer-'));
  const tarballs = packAll(join(project, 'packs')) as string[];
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs, 'typescript@5.9.3', '@types/node@20.19.43'], {
    cwd: project,
    maxBuffer: 16 * 2 ** 20,
  });
}, 600_000);

afterAll(() => {
  mock?.kill();
  rmSync(project, { recursive: true, force: true });
});

/** Starts the installed `pegasus-mock` on free ports; resolves with the MetaServer mock's URL. */
function startInstalledMock(): Promise<string> {
  mock = spawn(join(project, 'node_modules', '.bin', 'pegasus-mock'), ['--meta-port', '0', '--replica-port', '0'], { cwd: project });
  return new Promise((resolve, reject) => {
    let output = '';
    mock!.stdout!.on('data', (chunk) => {
      output += chunk;
      // "MetaServer mock: <url>", or with the release it serves: "MetaServer mock (master): <url>".
      const url = /MetaServer mock[^:]*:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    mock!.on('exit', (code) => reject(new Error(`pegasus-mock exited with ${code}: ${output}`)));
  });
}

describe('the packed packages, installed outside the workspace', () => {
  it('type-check a program that uses the client, under --strict', async () => {
    writeFileSync(join(project, 'main.ts'), PROGRAM);
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    const args = [
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--skipLibCheck',
      'false',
      'main.ts',
    ];
    await expect(run(tsc, args, { cwd: project })).resolves.toBeDefined();
  }, 120_000);

  it('start pegasus-mock, which the compiled program then calls', async () => {
    const url = await startInstalledMock();
    const { stdout } = await run(process.execPath, [join(project, 'main.js'), url], { cwd: project });
    // The mock serves each call's first example.
    const firstExample = (operationId: string) =>
      Object.values(operationIndex('meta-server').byId(operationId).responses['200']!.media[0]!.examples)[0] as never;
    const expected = {
      table: (firstExample('app_get') as { general: { app_name: string } }).general.app_name,
      version: (firstExample('version_get') as { Version: string }).Version,
      release: 'v2.5.0',
    };
    expect(JSON.parse(stdout)).toEqual(expected);
  }, 120_000);
});

// npm start's server (scripts/start.mjs at the repository root): serves the site and both mocks,
// prints where, and stops cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

it('serves the site and both mocks on loopback until SIGINT', async () => {
  const child = spawn(process.execPath, [START, '--docs-port', '0', '--meta-port', '0', '--replica-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = ['Reference site', 'MetaServer mock', 'ReplicaServer mock'].map((label) => new RegExp(`${label}:\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(out)?.[1]);
        if (found.every(Boolean)) resolve({ site: found[0]!, meta: found[1]!, replica: found[2]! });
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${urls.site}/`)).status).toBe(200);
    expect(await (await fetch(`${urls.site}/meta-server.html`)).text()).toContain('Pegasus MetaServer HTTP API');
    expect(Object.keys(await (await fetch(`${urls.replica}/`)).json())).toContain('/replica/manual_compaction');
    expect(await (await fetch(`${urls.meta}/version`)).json()).toHaveProperty('Version');
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

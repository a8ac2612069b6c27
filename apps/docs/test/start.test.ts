// npm start's server (scripts/start.mjs at the repository root, which imports this app's
// `@pegasus-http/docs/serve`): serves the site (both languages) and both mocks, prints where, and
// stops cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

it('serves the site and both mocks on loopback until SIGINT', async () => {
  const child = spawn(process.execPath, [START, '--docs-port', '0', '--meta-port', '0', '--replica-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = ['Reference site', 'MetaServer mock', 'ReplicaServer mock'].map(
          (label) => new RegExp(`${label}:\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(out)?.[1],
        );
        if (found.every(Boolean)) resolve({ site: found[0]!, meta: found[1]!, replica: found[2]! });
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${urls.site}/`)).status).toBe(200);
    expect(await (await fetch(`${urls.site}/zh-CN/`)).text()).toContain('<html lang="zh-CN">');
    // The four reference pages and the two wire pages, through the started server.
    for (const [path, title] of [
      ['meta-server.html', 'Pegasus MetaServer HTTP API'],
      ['replica-server.html', 'Pegasus ReplicaServer HTTP API'],
      ['zh-CN/meta-server.html', 'Pegasus MetaServer HTTP 接口'],
      ['zh-CN/replica-server.html', 'Pegasus ReplicaServer HTTP 接口'],
      ['wire.html', 'How Pegasus answers on the wire'],
      ['zh-CN/wire.html', 'Pegasus 在线路上如何应答'],
    ]) {
      const response = await fetch(`${urls.site}/${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')?.replaceAll(' ', ''), path).toBe('text/html;charset=utf-8');
      expect(await response.text(), path).toContain(`<title>${title}`);
    }
    expect((await fetch(`${urls.site}/no-such-page.html`)).status).toBe(404);
    expect(Object.keys(await (await fetch(`${urls.replica}/`)).json())).toContain('/replica/manual_compaction');
    expect(await (await fetch(`${urls.meta}/version`)).json()).toHaveProperty('Version');
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

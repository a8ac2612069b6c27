// The static server of the site (src/serve.mjs, exported as `@pegasus-http/docs/serve`), on a
// small site of its own: files with their content type, a folder's index.html, 404 for a path
// that names no file or leaves the site.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR, serveDirectory } from '@pegasus-http/docs/serve';
import { afterAll, beforeAll, expect, it } from 'vitest';

let root: string;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pegasus-serve-'));
  mkdirSync(join(root, 'site', 'zh-CN'), { recursive: true });
  writeFileSync(join(root, 'site', 'index.html'), '<p>home</p>');
  writeFileSync(join(root, 'site', 'zh-CN', 'index.html'), '<p>首页</p>');
  writeFileSync(join(root, 'site', 'a.json'), '{"a":1}');
  writeFileSync(join(root, 'site', 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  writeFileSync(join(root, 'secret.txt'), 'outside the site');
  site = await serveDirectory(join(root, 'site'));
});
afterAll(async () => {
  await site?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The status and body of a GET of `path` exactly as written (fetch would normalise `..`). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${site.url}${path}`, { path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('listens on 127.0.0.1, on the free port it was given', () => {
  expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(SITE_DIR).toMatch(/apps\/docs\/dist\/$/);
});

it('serves files with their content type, and a folder as its index.html', async () => {
  const page = await fetch(`${site.url}/zh-CN/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')?.replaceAll(' ', '')).toBe('text/html;charset=utf-8');
  expect(await page.text()).toBe('<p>首页</p>');
  expect(await (await fetch(`${site.url}/`)).text()).toBe('<p>home</p>');
  const json = await fetch(`${site.url}/a.json`);
  expect(json.headers.get('content-type')).toBe('application/json');
  expect(await json.json()).toEqual({ a: 1 });
  const icon = await fetch(`${site.url}/favicon.ico`);
  expect(icon.headers.get('content-type')).toBe('image/x-icon');
  expect(Buffer.from(await icon.arrayBuffer())).toEqual(Buffer.from([0, 0, 1, 0]));
});

it('answers 404 for a path that names no file, or leaves the site', async () => {
  expect((await get('/missing.html')).status).toBe(404);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/zh-CN/../../secret.txt']) {
    const answer = await get(path);
    expect(answer.status, path).toBe(404);
    expect(answer.body, path).not.toContain('outside the site');
  }
});

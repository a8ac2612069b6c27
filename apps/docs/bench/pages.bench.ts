// Time to rendered operations of every page of the built site (dist/, built first), in headless
// Debian Chromium launched as the browser tests launch it, served by src/serve.mjs, requests off
// 127.0.0.1 blocked. Each iteration opens the page in a fresh browser context (empty cache) and
// ends when it is rendered, as the site tests see it: a reference page is opened at its first
// operation (`#/<tag>/<operationid>`) and is rendered once that operation's section shows its
// summary; the landing, wire, catalogue and changes pages once their main heading is there. The baseline is
// a trivial page holding one operation section, opened and awaited the same way: what the browser,
// the server and the measure cost by themselves.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IndexedOperation, RELEASES, ROLES } from '@pegasus-http/spec';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { LANGUAGES, languageIndex, referenceFile } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR, serveDirectory } from '../src/serve.mjs';
// @ts-expect-error: plain ESM modules without types
import { launchChromium, loopbackOnlyPage, operationAnchor, operationShown } from '../test/browser.mjs';

type Server = { url: string; close(): Promise<void> };
/** A page to open: its address (known once the servers run), and when it counts as rendered. */
type Target = { url: () => string; rendered: (page: Page) => Promise<unknown> };

const OPTIONS = { iterations: 5, warmupIterations: 1, time: 0 };
const BASELINE_OPERATION = { tag: 'server', operationId: 'version_get', summary: 'The version of the server' };

/** Every HTML page of the built site, shallowest first. */
function sitePages(): string[] {
  if (!existsSync(SITE_DIR)) throw new Error(`${SITE_DIR} is missing: run npm run build -w @pegasus-http/docs first`);
  const pages = (readdirSync(SITE_DIR, { recursive: true }) as string[])
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('.html'));
  return pages.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** A page opened at an operation, rendered once that operation's section shows its summary. */
function atOperation(server: () => Server, path: string, operation: { tag: string; operationId: string; summary: string }): Target {
  const anchor = operationAnchor(operation) as string;
  return { url: () => `${server().url}/${path}#${anchor}`, rendered: (page) => operationShown(page, anchor, operation.summary) };
}

/** A reference page (of any role, language and release) is rendered once its first operation is; the site's other pages once their main heading is. */
function targetOf(path: string): Target {
  for (const release of RELEASES) {
    for (const role of ROLES) {
      for (const language of LANGUAGES as string[]) {
        if (path !== referenceFile(role, language, release)) continue;
        const { tag, operationId, operation } = (languageIndex(role, language, release) as { operations: IndexedOperation[] })
          .operations[0]!;
        return atOperation(() => site, path, { tag, operationId, summary: String(operation.summary) });
      }
    }
  }
  return { url: () => `${site.url}/${path}`, rendered: (page) => page.locator('body > main > h1').waitFor({ timeout: 60_000 }) };
}

/** A site of one trivial page with one operation section, for the baseline. */
function baselineSite(): string {
  const directory = mkdtempSync(join(tmpdir(), 'pegasus-docs-bench-'));
  const { tag, operationId, summary } = BASELINE_OPERATION;
  writeFileSync(
    join(directory, 'baseline.html'),
    `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Baseline</title></head>\n<body><div data-section-id="${operationAnchor({ tag, operationId })}"><h2>${summary}</h2></div></body>\n</html>\n`,
  );
  return directory;
}

let browser: Browser;
let site: Server;
let baseline: Server;
let baselineDir: string;

// File-level hooks: vitest's bench runs these (not those of a describe).
beforeAll(async () => {
  baselineDir = baselineSite();
  [site, baseline, browser] = await Promise.all([serveDirectory(SITE_DIR), serveDirectory(baselineDir), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), baseline?.close()]);
  rmSync(baselineDir, { recursive: true, force: true });
});

/** One load: a fresh context, the page opened, awaited until rendered; a request off 127.0.0.1 fails it. */
async function load(target: Target): Promise<void> {
  const { page, blocked, close } = await loopbackOnlyPage(browser);
  try {
    await page.goto(target.url(), { waitUntil: 'commit' });
    await target.rendered(page);
    if (blocked.length > 0) throw new Error(`${target.url()} asked for ${blocked.join(', ')}`);
  } finally {
    await close();
  }
}

// The bench functions are async functions: tinybench then times them as they are, without a
// first call to find out whether they return a promise.
describe('docs: time to rendered operations', () => {
  const trivial = atOperation(() => baseline, 'baseline.html', BASELINE_OPERATION);
  bench('baseline: a trivial page', async () => await load(trivial), OPTIONS);
  for (const path of sitePages()) {
    const target = targetOf(path);
    bench(path, async () => await load(target), OPTIONS);
  }
});

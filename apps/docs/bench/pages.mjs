// Page weight and time to rendered operations of every page of the built site, in headless Chromium
// (Debian's, as the browser tests use it), served by src/serve.mjs with remote requests blocked.
//
//   import { benchPages } from './apps/docs/bench/pages.mjs';
//   const rows = await benchPages({ siteDir: 'apps/docs/dist', runs: 5 });
//   // [{ page: 'meta-server.html', bytes, gzipBytes, msToRenderedOperations }, …]
//
// `bytes` is the HTML file as served (everything is inlined in it), `gzipBytes` the same gzipped
// (level 9); `msToRenderedOperations` is the median over `runs` fresh page loads of the time from
// navigation start until the page's content is on screen: for a Redoc page, the first operation
// section (`[data-section-id]` of an operation); for the other pages, their main content. Run
// directly (`node apps/docs/bench/pages.mjs [--runs 5] [--site apps/docs/dist]`) to print a table.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { serveDirectory } from '../src/serve.mjs';
import { launchChromium, loopbackOnlyPage } from '../test/browser.mjs';

const DEFAULT_SITE = fileURLToPath(new URL('../dist/', import.meta.url));
// What "rendered" means per page: an operation's section in Redoc, the main content elsewhere.
const REDOC_OPERATION = '[data-section-id^="/"][data-section-id*="/"]:not([data-section-id="/"])';
const SITE_CONTENT = 'main h1, main h2';

async function htmlPages(siteDir) {
  const found = [];
  for (const entry of await readdir(siteDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) found.push(relative(siteDir, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'));
  }
  return found.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Measures every HTML page of `siteDir` (default: apps/docs/dist). Resolves to one row per page:
 * { page, bytes, gzipBytes, msToRenderedOperations } (the median of `runs` loads, in milliseconds).
 */
export async function benchPages({ siteDir = DEFAULT_SITE, runs = 5 } = {}) {
  const pages = await htmlPages(siteDir);
  const site = await serveDirectory(siteDir);
  const browser = await launchChromium();
  try {
    const rows = [];
    for (const page of pages) {
      const html = await readFile(join(siteDir, page));
      const isRedoc = html.includes('data-section-id') || html.includes('__redoc_state');
      const selector = isRedoc ? REDOC_OPERATION : SITE_CONTENT;
      const times = [];
      for (let run = 0; run < runs; run++) {
        const { page: tab, blocked, close } = await loopbackOnlyPage(browser);
        try {
          // Measured in the page, from navigation start (performance.timeOrigin) to the first
          // moment the content is in the document, as a MutationObserver sees it.
          await tab.addInitScript((wanted) => {
            const check = () => {
              if (window.__renderedAt === undefined && document.querySelector(wanted)) window.__renderedAt = performance.now();
            };
            new MutationObserver(check).observe(document, { childList: true, subtree: true });
            document.addEventListener('DOMContentLoaded', check);
          }, selector);
          await tab.goto(`${site.url}/${page}`, { waitUntil: 'commit' });
          await tab.waitForSelector(selector, { state: 'visible', timeout: 60_000 });
          times.push(await tab.evaluate(() => window.__renderedAt ?? performance.now()));
          if (blocked.length > 0) throw new Error(`${page} asked for ${blocked.join(', ')}`);
        } finally {
          await close();
        }
      }
      rows.push({ page, bytes: html.length, gzipBytes: gzipSync(html, { level: 9 }).length, msToRenderedOperations: Math.round(median(times)) });
    }
    return rows;
  } finally {
    await browser.close();
    await site.close();
  }
}

/** The rows as a Markdown table. */
export function formatTable(rows) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  return [
    '| page | size | gzipped | time to rendered content (median) |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.page} | ${kib(r.bytes)} | ${kib(r.gzipBytes)} | ${r.msToRenderedOperations} ms |`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, site: { type: 'string', default: DEFAULT_SITE } } });
  console.log(formatTable(await benchPages({ siteDir: values.site, runs: Number(values.runs) })));
}

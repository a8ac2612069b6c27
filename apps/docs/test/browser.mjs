// Debian's Chromium driven by playwright-core, for the browser tests: never a downloaded browser,
// and every request that would leave 127.0.0.1 is blocked and recorded.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

// The flags under which Chromium runs headless here without reaching for the network by itself.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A page on which any request to a host other than 127.0.0.1 is aborted and listed in `blocked`. */
export async function loopbackOnlyPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { page, blocked, close: () => context.close() };
}

// Where Redoc puts an operation of the spec's index (`#/<tag>/<operationid>`): the site links there too.
export { operationAnchor } from '../src/pages.mjs';

/**
 * Resolves once a Redoc page shows an operation: its section is in the page with its content, the
 * operation's summary. What "rendered" means for the browser tests and the bench alike.
 */
export async function operationShown(page, anchor, summary, { timeout = 60_000 } = {}) {
  await page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-section-id="${id}"]`)?.innerText.includes(text) === true,
    [anchor, summary],
    { timeout },
  );
}

/**
 * Opens `url` in a fresh page whose requests off 127.0.0.1 are blocked (`options` for its context),
 * runs `check(page)`, then fails if any request was blocked or the page does not name its icon
 * inline (showing it must ask nothing of any host).
 */
export async function visitPage(browser, url, check, options = {}) {
  const { page, blocked, close } = await loopbackOnlyPage(browser, options);
  try {
    await page.goto(url);
    await check(page);
    const icon = await page.getAttribute('link[rel="icon"]', 'href', { timeout: 5_000 });
    if (!icon?.startsWith('data:image/')) throw new Error(`${url}: the icon is not inline (${icon})`);
    if (blocked.length) throw new Error(`${url} asked for ${blocked.join(', ')}`);
  } finally {
    await close();
  }
}

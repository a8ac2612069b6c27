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

/** Where Redoc puts an operation of the spec's index: the id of its section, and the hash that leads there. */
export function operationAnchor({ tag, operationId }) {
  return `/${tag}/${operationId.toLowerCase()}`;
}

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

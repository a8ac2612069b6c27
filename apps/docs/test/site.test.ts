// The reference site in a real browser (Debian's Chromium), with every non-loopback request
// blocked: each role's page renders every one of its operations and asks nothing of the network.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { listOperations, loadDocument, ROLES } from '@pegasus-http/spec';
// @ts-expect-error: plain ESM modules without types
import { PAGES } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { serveDirectory } from '../src/serve.mjs';
// @ts-expect-error: plain ESM modules without types
import { HAS_CHROMIUM, launchChromium, loopbackOnlyPage } from './browser.mjs';

const SITE = new URL('../dist/', import.meta.url).pathname;
const SHOTS = new URL('../test-output/', import.meta.url).pathname;
// Without CI=true a missing Chromium skips these tests (reported as skipped); in CI it fails them.
const run = HAS_CHROMIUM || process.env.CI ? describe : describe.skip;

run('the reference site in Chromium', () => {
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    site = await serveDirectory(SITE);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('links both references from the landing page', async () => {
    const { page, blocked, close } = await loopbackOnlyPage(browser);
    await page.goto(`${site.url}/index.html`);
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(ROLES.map((role) => (PAGES as Record<string, { file: string }>)[role]!.file)));
    expect(blocked).toEqual([]);
    await close();
  });

  it.each(ROLES)('renders every %s operation without any remote request', async (role) => {
    const document = loadDocument(role);
    const { page, blocked, close } = await loopbackOnlyPage(browser);
    const pageUrl = `${site.url}/${(PAGES as Record<string, { file: string }>)[role]!.file}`;
    await page.goto(pageUrl);
    await page.waitForSelector('[data-section-id="/"]');
    const missing: string[] = [];
    const operations = listOperations(document);
    for (const { operationId, operation } of operations) {
      // Redoc renders one tag at a time, and an operation's content once it is scrolled to: go to
      // each operation's own address, `#/<tag>/<operationid>`, and read its section.
      const id = `/${(operation.tags as string[])[0]}/${operationId.toLowerCase()}`;
      await page.goto(`${pageUrl}#${id}`);
      const section = page.locator(`[data-section-id="${id}"]`).first();
      try {
        await section.waitFor({ timeout: 10_000 });
        await expect.poll(() => section.innerText(), { timeout: 10_000 }).toContain(String(operation.summary));
      } catch {
        missing.push(operationId);
      }
    }
    await page.screenshot({ path: `${SHOTS}${role}.png` });
    expect(missing).toEqual([]);
    expect(blocked).toEqual([]);
    await close();
  });

  it.each(ROLES)('shows the metric catalogue of %s as a table under the metrics tag', async (role) => {
    const catalogue = (loadDocument(role).components!.schemas!.KnownMetricName as Record<string, unknown>)['x-pegasus-catalogue'] as Record<string, { entity: string; type: string; unit: string; description: string }>;
    const { page, blocked, close } = await loopbackOnlyPage(browser);
    await page.goto(`${site.url}/${(PAGES as Record<string, { file: string }>)[role]!.file}#/metrics/knownmetricname`);
    const table = page.locator('[data-section-id="/metrics/knownmetricname"] table').first();
    await table.waitFor({ timeout: 10_000 });
    const rows = await table.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())));
    expect(rows[0]).toEqual(['name', 'entity', 'type', 'unit', 'description']);
    expect(rows.slice(1)).toEqual(Object.entries(catalogue).map(([name, m]) => [name, m.entity, m.type, m.unit, m.description.replaceAll('`', '')]));
    expect(rows).toHaveLength(215);
    await page.screenshot({ path: `${SHOTS}${role}-metric-catalogue.png` });
    expect(blocked).toEqual([]);
    await close();
  });
});

// What a newcomer saw, mended, checked in Debian's Chromium without screenshots (every request off
// 127.0.0.1 blocked): the badge of a marked call is whole in the sidebar; the longest curl sample
// stays inside its panel; at phone width (375 px) a page's title breaks between words only and the
// page does not run out of the screen; /favicon.ico is the site's icon, which every page names inline.
import { buildOperationIndex, type IndexedOperation, type OpenApiDocument, ROLES, type Role } from '@pegasus-http/spec';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { FAVICON_HREF, FAVICON_ICO } from '../src/favicon.mjs';
// @ts-expect-error: plain ESM modules without types
import { TEXT } from '../src/notes.mjs';
// @ts-expect-error: plain ESM modules without types
import { docsView, LANGUAGES, languageIndex, loadLanguageDocument, pageFile, referenceFile } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR, serveDirectory } from '../src/serve.mjs';
// @ts-expect-error: plain ESM modules without types
import { HAS_CHROMIUM, launchChromium, operationAnchor, operationShown, visitPage } from './browser.mjs';

type Language = 'en' | 'zh-CN';
const languages = LANGUAGES as Language[];
const warningTitle = (language: Language, safety: string) =>
  (TEXT as Record<Language, { warningTitle: Record<string, string> }>)[language].warningTitle[safety]!;

/** The curl sample of every operation of both roles (master, English), with its operation. */
function curlSamples(): { role: Role; entry: IndexedOperation; curl: string }[] {
  return ROLES.flatMap((role) => {
    const view = docsView(loadLanguageDocument(role, 'en'), { role }) as OpenApiDocument;
    return buildOperationIndex(role, view).operations.map((entry) => {
      const samples = entry.operation['x-codeSamples'] as { label: string; source: string }[];
      return { role, entry, curl: samples.find((s) => s.label === 'curl')!.source };
    });
  });
}
const longestLine = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

/** The words of the page's first title that a line break cuts in two (words as the page's language segments them). */
function brokenTitleWords(): string[] {
  const title = document.querySelector('h1')!;
  const words = new Intl.Segmenter(document.documentElement.lang, { granularity: 'word' });
  const broken: string[] = [];
  const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (const { segment, index, isWordLike } of words.segment(node.data)) {
      if (!isWordLike) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + segment.length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(segment);
    }
  }
  return broken;
}

// Without CI=true a missing Chromium skips these tests (reported as skipped); in CI it fails them.
const run = HAS_CHROMIUM || process.env.CI ? describe : describe.skip;

run('what a newcomer saw, mended', () => {
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };
  const visit = (path: string, check: (page: Page) => Promise<void>, options = {}) =>
    visitPage(browser, `${site.url}/${path}`, check, options);

  beforeAll(async () => {
    site = await serveDirectory(SITE_DIR);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(languages)('shows the %s badges of the marked calls whole in the sidebar', async (language) => {
    const role = 'meta-server';
    const operations = (languageIndex(role, language) as { operations: IndexedOperation[] }).operations;
    // One call of each mark: opening it unfolds its group of the sidebar, the badges of that group with it.
    const marked = [...new Map(operations.filter((o) => o.safety).map((o) => [o.safety, o])).values()];
    expect(marked.length).toBeGreaterThan(0);
    const file = referenceFile(role, language) as string;
    await visit(file, async (page) => {
      for (const entry of marked) {
        const id = operationAnchor(entry) as string;
        await page.goto(`${site.url}/${file}#${id}`);
        await operationShown(page, id, String(entry.operation.summary));
        const badges = await page.locator('.menu-item-type-operation [data-component-name="Tag/Tag"]').evaluateAll((tags) =>
          tags.map((tag) => {
            const words = tag.firstElementChild as HTMLElement;
            const item = tag.closest('.menu-item-type-operation')!.getBoundingClientRect();
            const box = tag.getBoundingClientRect();
            return {
              text: tag.textContent,
              overflow: words.scrollWidth - words.clientWidth,
              inside: box.left >= item.left && box.right <= item.right,
            };
          }),
        );
        expect(badges.map((b) => b.text)).toContain(`⚠ ${warningTitle(language, entry.safety!)}`);
        for (const badge of badges) expect(badge, String(badge.text)).toMatchObject({ overflow: 0, inside: true });
      }
    });
  });

  it('keeps the longest curl sample inside its panel', async () => {
    const { role, entry, curl } = curlSamples().reduce((a, b) => (longestLine(b.curl) > longestLine(a.curl) ? b : a));
    const id = operationAnchor(entry) as string;
    await visit(`${referenceFile(role, 'en')}#${id}`, async (page) => {
      await operationShown(page, id, String(entry.operation.summary));
      const sample = page.locator(`[data-section-id="${id}"] .panel-request-samples pre`).first();
      await sample.waitFor();
      const shown = await sample.evaluate((pre) => {
        const panel = pre.closest('.panel-request-samples')!.getBoundingClientRect();
        const box = pre.getBoundingClientRect();
        return {
          text: pre.textContent,
          overflow: pre.scrollWidth - pre.clientWidth,
          inside: box.left >= panel.left && box.right <= panel.right,
        };
      });
      expect(shown.text?.replace(/\s+/g, '')).toContain(curl.split('\n')[0]!.replace(/\s+/g, ''));
      expect(shown).toMatchObject({ overflow: 0, inside: true });
    });
  });

  it.each([
    referenceFile('meta-server', 'en'),
    referenceFile('replica-server', 'zh-CN', 'v2.5.0'),
    pageFile('en', 'index.html'),
    pageFile('zh-CN', 'changes.html'),
    pageFile('en', 'generate.html'),
    pageFile('zh-CN', 'generate.html'),
  ])('keeps the words of the title of %s whole at 375 px, and the page within the screen', async (path) => {
    await visit(
      path,
      async (page) => {
        await page.locator('h1').first().waitFor();
        expect(await page.evaluate(brokenTitleWords)).toEqual([]);
        const title = page.locator('h1').first();
        expect(await title.evaluate((h1) => h1.scrollWidth - h1.clientWidth)).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      },
      { viewport: { width: 375, height: 800 } },
    );
  });

  it('answers /favicon.ico with the icon every page names inline, a 16 × 16 picture', async () => {
    // Playwright fails a page's own requests for /favicon.ico once it routes requests, so the file is fetched from here.
    const served = await fetch(`${site.url}/favicon.ico`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/x-icon');
    expect(Buffer.from(await served.arrayBuffer()).equals(FAVICON_ICO)).toBe(true);
    await visit(pageFile('en', 'index.html'), async (page) => {
      expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe(FAVICON_HREF);
      const size = await page.evaluate(async (href) => {
        const picture = new Image();
        picture.src = href;
        await picture.decode();
        return [picture.naturalWidth, picture.naturalHeight];
      }, FAVICON_HREF);
      expect(size).toEqual([16, 16]);
    });
  });
});

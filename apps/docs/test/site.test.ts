// The reference site in a real browser (Debian's Chromium), in English and Chinese, with every
// request that would leave 127.0.0.1 blocked: each role's page renders every one of its operations
// (with the warning on the calls that change state or expose the process), the language switch
// leads to the same page in the other language and is remembered, Redoc's own words are in the
// page's language, Redoc's search finds operations by an English and a Chinese word, the metric catalogue filters, and no page asks anything of the
// network (each names its icon inline). A screenshot of every page goes to test-output/.
import { mkdirSync } from 'node:fs';
import { buildOperationIndex, type OpenApiDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { GENERATORS } from '../../../packages/generators/src/matrix.mjs';
// @ts-expect-error: plain ESM modules without types
import { GENERATE_TEXT } from '../src/generators.mjs';
// @ts-expect-error: plain ESM modules without types
import { TEXT } from '../src/notes.mjs';
// @ts-expect-error: plain ESM modules without types
import { artifactFile, LANGUAGES, loadLanguageDocument, PAGES, pageFile, referenceFile } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR, serveDirectory } from '../src/serve.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_TEXT } from '../src/site.mjs';
// @ts-expect-error: plain ESM modules without types
import { HAS_CHROMIUM, launchChromium, loopbackOnlyPage, operationAnchor, operationShown, visitPage } from './browser.mjs';

type Language = 'en' | 'zh-CN';
type Catalogue = Record<string, { entity: string; type: string; unit: string; description: string }>;
const SHOTS = new URL('../test-output/', import.meta.url).pathname;
const languages = LANGUAGES as Language[];
const pages = PAGES as Record<string, { file: string } & Record<Language, { title: string }>>;
const text = TEXT as Record<Language, { since: (r: string) => string; warningTitle: Record<string, string>; catalogueColumns: string[] }>;
const siteText = SITE_TEXT as Record<Language, { wireTitle: string; metricsTitle: string; siteTitle: string }>;
const generateText = GENERATE_TEXT as Record<Language, { title: string }>;
const documentOf = (role: string, language: Language) => loadLanguageDocument(role, language) as OpenApiDocument;
const catalogueOf = (language: Language) =>
  (documentOf('meta-server', language).components!.schemas!.KnownMetricName as Record<string, unknown>)['x-pegasus-catalogue'] as Catalogue;
const shot = (language: Language, name: string) => `${SHOTS}${language}-${name}.png`;

// Without CI=true a missing Chromium skips these tests (reported as skipped); in CI it fails them.
const run = HAS_CHROMIUM || process.env.CI ? describe : describe.skip;

run('the reference site in Chromium', () => {
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };

  /** Opens a page with remote requests blocked, runs `check`, then asserts nothing was blocked and the icon is inline. */
  const visit = (path: string, check: (page: Page) => Promise<void>) => visitPage(browser, `${site.url}/${path}`, check);

  beforeAll(async () => {
    site = await serveDirectory(SITE_DIR);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(languages)(
    'has a %s landing page linking both roles in both languages and every release, the artifacts, the wire, catalogue, changes and generate pages',
    async (language) => {
      await visit(pageFile(language, 'index.html'), async (page) => {
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await expect.poll(() => page.title()).toBe(siteText[language].siteTitle);
        const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.href));
        const kinds = ['openapi.json', 'openapi.yaml', 'deref.json', 'openapi.zh-CN.json', 'openapi.zh-CN.yaml', 'deref.zh-CN.json'];
        const expected = [
          ...RELEASES.flatMap((release) => ROLES.flatMap((role) => languages.map((l) => referenceFile(role, l, release)))),
          ...['wire.html', 'metrics.html', 'changes.html', 'generate.html'].map((name) => pageFile(language, name)),
          ...RELEASES.flatMap((release) => ROLES.flatMap((role) => kinds.map((kind) => artifactFile(release, `${role}.${kind}`)))),
        ].map((path) => `${site.url}/${path}`);
        expect(links).toEqual(expect.arrayContaining(expected));
        for (const href of new Set(links.filter((l) => l.startsWith(site.url)))) expect((await fetch(href)).status, href).toBe(200);
        expect(await page.locator('#mock').innerText()).toBeTruthy();
        await page.screenshot({ path: shot(language, 'index'), fullPage: true });
      });
    },
  );

  for (const language of languages) {
    it.each(ROLES)(`renders every %s operation in ${language}, with its version and safety marks`, async (role) => {
      const index = buildOperationIndex(role, documentOf(role, language));
      const pageUrl = pageFile(language, pages[role]!.file);
      await visit(pageUrl, async (page) => {
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await page.waitForSelector('[data-section-id="/"]');
        const missing: string[] = [];
        for (const entry of index.operations) {
          const { operationId, operation, safety } = entry;
          // Redoc renders one tag at a time, and an operation's content once it is scrolled to: go to
          // each operation's own address, `#/<tag>/<operationid>`, and read its section.
          const id = operationAnchor(entry) as string;
          await page.goto(`${site.url}/${pageUrl}#${id}`);
          const section = page.locator(`[data-section-id="${id}"]`).first();
          const since = text[language].since(entry.since).replaceAll('**', '').split(' Pegasus')[0]!;
          try {
            await operationShown(page, id, String(operation.summary), { timeout: 20_000 });
            const content = await section.innerText();
            expect(content).toContain(since);
            if (safety) expect(await section.locator('blockquote').first().innerText()).toContain(text[language].warningTitle[safety]);
            else expect(content).not.toContain(text[language].warningTitle.mutating);
          } catch (error) {
            missing.push(`${operationId}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
        await page.goto(`${site.url}/${pageUrl}`);
        await page.waitForSelector('[data-section-id="/"]');
        await page.screenshot({ path: shot(language, role) });
        expect(missing).toEqual([]);
      });
    });
  }

  it.each(ROLES)('switches %s between the languages, at the same operation, and remembers the choice', async (role) => {
    const { page, blocked, close } = await loopbackOnlyPage(browser);
    try {
      const file = pages[role]!.file;
      await page.goto(`${site.url}/${file}#/config/config_get`);
      await page.waitForSelector('[data-section-id="/config/config_get"]');
      await page.locator('.pegasus-bar .switch').click();
      await page.waitForURL(`${site.url}/zh-CN/${file}#/config/config_get`);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await page.locator('[data-section-id="/config/config_get"]').first().waitFor();
      // The landing page now opens in Chinese, until English is chosen again.
      await page.goto(`${site.url}/index.html`);
      await page.waitForURL(`${site.url}/zh-CN/index.html`);
      await page.locator('.pegasus-bar .switch').click();
      await page.waitForURL(`${site.url}/index.html`);
      await page.goto(`${site.url}/zh-CN/${file}`);
      await page.locator('.pegasus-bar .switch').click();
      await page.waitForURL(`${site.url}/${file}`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(blocked).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each([
    ['en', 'meta-server', 'compaction', '/meta/appcompaction_start'],
    ['en', 'replica-server', 'duplication', '/replica/replicaduplication_get'],
    ['zh-CN', 'meta-server', '配置项', '/config/config_update'],
    ['zh-CN', 'replica-server', '数据版本', '/replica/replicadataversion_get'],
  ] as const)('finds, in the %s %s page, an operation by the word "%s" with Redoc search', async (language, role, word, section) => {
    await visit(pageFile(language, pages[role]!.file), async (page) => {
      await page.waitForSelector('[data-section-id="/"]');
      await page.locator('[data-testid="search-trigger"]').click();
      await page.keyboard.type(word);
      const result = page.locator(`a[data-component-name="Search/SearchItem"][href="#${section}"]`).first();
      await result.waitFor({ timeout: 10_000 });
      await result.click();
      await page.locator(`[data-section-id="${section}"]`).first().waitFor();
    });
  });

  it.each([
    ['en', 'meta-server', ['Request', 'Query', 'Responses'], 'Search'],
    ['en', 'replica-server', ['Request', 'Query', 'Responses'], 'Search'],
    ['zh-CN', 'meta-server', ['请求', '查询参数', '响应'], '搜索'],
    ['zh-CN', 'replica-server', ['请求', '查询参数', '响应'], '搜索'],
  ] as const)("shows Redoc's own words in %s on the %s page", async (language, role, headings, search) => {
    await visit(`${pageFile(language, pages[role]!.file)}#/config/config_get`, async (page) => {
      const trigger = page.locator('[data-testid="search-trigger"]');
      // The search box says it is loading until its index is built.
      await expect.poll(() => trigger.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`^${search}`));
      const section = page.locator('[data-section-id="/config/config_get"]').first();
      await section.waitFor();
      const shown = await page.locator('h1, h2, h3, h4, h5').allInnerTexts();
      for (const heading of headings) expect(shown).toContain(heading);
    });
  });

  it.each(languages)('filters the %s metric catalogue as the reader types', async (language) => {
    const catalogue = catalogueOf(language);
    await visit(pageFile(language, 'metrics.html'), async (page) => {
      expect(await page.title()).toBe(siteText[language].metricsTitle);
      const rows = page.locator('#catalogue tbody tr:not([hidden])');
      expect(await rows.count()).toBe(Object.keys(catalogue).length);
      const header = await page.locator('#catalogue thead th').allInnerTexts();
      expect(header).toEqual(text[language].catalogueColumns);
      await page.screenshot({ path: shot(language, 'metrics') });
      const query = language === 'en' ? 'replica latency' : '副本 Percentile';
      await page.locator('#filter').fill(query);
      const words = query.toLowerCase().split(' ');
      const expected = Object.entries(catalogue)
        .filter(([name, m]) =>
          words.every((w) => [name, m.entity, m.type, m.unit, m.description.replaceAll('`', '')].join(' ').toLowerCase().includes(w)),
        )
        .map(([name]) => name);
      expect(expected.length).toBeGreaterThan(0);
      await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.id))).toEqual(expected);
      expect(await page.locator('#shown').innerText()).toBe(String(expected.length));
    });
  });

  it.each(languages)('renders the %s page "Generate a client", a section per generator of the matrix', async (language) => {
    await visit(pageFile(language, 'generate.html'), async (page) => {
      expect(await page.title()).toBe(generateText[language].title);
      const ids = await page.locator('main h2[id]').evaluateAll((h2s) => h2s.map((h2) => h2.id));
      expect(ids).toEqual(['artifacts', 'generators', ...(GENERATORS as { id: string }[]).map((g) => g.id)]);
      await page.screenshot({ path: shot(language, 'generate'), fullPage: true });
    });
  });

  it.each(languages)('renders the %s wire-behaviour page', async (language) => {
    await visit(pageFile(language, 'wire.html'), async (page) => {
      expect(await page.title()).toBe(siteText[language].wireTitle);
      expect(await page.locator('main h2').count()).toBeGreaterThanOrEqual(7);
      expect(await page.locator('main table').count()).toBe(2);
      await page.screenshot({ path: shot(language, 'wire'), fullPage: true });
    });
  });

  for (const language of languages) {
    it.each(ROLES)(`shows the metric catalogue of %s in ${language} as a table under the metrics tag`, async (role) => {
      const catalogue = catalogueOf(language);
      await visit(`${pageFile(language, pages[role]!.file)}#/metrics/knownmetricname`, async (page) => {
        const table = page.locator('[data-section-id="/metrics/knownmetricname"] table').first();
        await table.waitFor({ timeout: 10_000 });
        const rows = await table
          .locator('tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())));
        expect(rows[0]).toEqual(text[language].catalogueColumns);
        expect(rows.slice(1)).toEqual(
          Object.entries(catalogue).map(([name, m]) => [name, m.entity, m.type, m.unit, m.description.replaceAll('`', '')]),
        );
        expect(rows).toHaveLength(215);
      });
    });
  }
});

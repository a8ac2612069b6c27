// The pages of the releases in a real browser (Debian's Chromium), every request off 127.0.0.1
// blocked: each release's Redoc page of each role renders its operations with their "Since" line
// and, on the MetaServer, what a standby does; the release selector leads to the same operation in
// another release, in both languages, and the language switch keeps the release; a call on the
// changes page leads to its section on the reference page. The release pages are checked more
// lightly than master's (test/site.test.ts, every operation of every page): each role of each
// release once, in one language, at one operation of each tag and of each standby behaviour.
import { type IndexedOperation, RELEASES, type Release, ROLES, type Role } from '@pegasus-http/spec';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { sinceNote, standbyNote, standbyOf } from '../src/notes.mjs';
// @ts-expect-error: plain ESM modules without types
import { LANGUAGES, languageIndex, pageFile, referenceFile } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR, serveDirectory } from '../src/serve.mjs';
// @ts-expect-error: plain ESM modules without types
import { HAS_CHROMIUM, launchChromium, operationAnchor, operationShown, visitPage } from './browser.mjs';

type Language = 'en' | 'zh-CN';
type Index = { operations: IndexedOperation[]; find(method: string, path: string): IndexedOperation | undefined };
const languages = LANGUAGES as Language[];
const indexOf = (role: Role, language: Language, release: Release) => languageIndex(role, language, release) as Index;
/** A note's first words as the page shows them (Markdown marks and quoting left out). */
const shownWords = (note: string) => note.replace(/^> /, '').replaceAll('**', '').replaceAll('`', '').slice(0, 24);

/** One operation of each tag and, on the MetaServer, of each standby behaviour (redirect, answer, crash, serve). */
function sampleOf(role: Role, operations: IndexedOperation[]): IndexedOperation[] {
  const picks = new Map<string, IndexedOperation>();
  const standby = (o: IndexedOperation) => {
    const behaviour = standbyOf(o);
    return typeof behaviour === 'object' ? 'answer' : String(behaviour);
  };
  for (const o of operations) {
    if (!picks.has(`tag ${o.tag}`)) picks.set(`tag ${o.tag}`, o);
    if (role === 'meta-server' && !picks.has(`standby ${standby(o)}`)) picks.set(`standby ${standby(o)}`, o);
  }
  return [...new Set(picks.values())];
}

// Without CI=true a missing Chromium skips these tests (reported as skipped); in CI it fails them.
const run = HAS_CHROMIUM || process.env.CI ? describe : describe.skip;

run('the releases in Chromium', () => {
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };
  const visit = (path: string, check: (page: Page) => Promise<void>) => visitPage(browser, `${site.url}/${path}`, check);

  beforeAll(async () => {
    site = await serveDirectory(SITE_DIR);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  // Each role of each release, the languages taking turns.
  const pages = RELEASES.filter((release) => release !== 'master').flatMap((release, i) =>
    ROLES.map((role, j) => [release, role, languages[(i + j) % languages.length]!] as const),
  );
  it.each(pages)(
    'renders the operations of the %s %s page (%s), with their version and what a standby does',
    async (release, role, language) => {
      const file = referenceFile(role, language, release) as string;
      await visit(file, async (page) => {
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await page.waitForSelector('[data-section-id="/"]');
        const missing: string[] = [];
        for (const entry of sampleOf(role, indexOf(role, language, release).operations)) {
          const id = operationAnchor(entry) as string;
          await page.goto(`${site.url}/${file}#${id}`);
          try {
            await operationShown(page, id, String(entry.operation.summary), { timeout: 20_000 });
            const content = await page.locator(`[data-section-id="${id}"]`).first().innerText();
            expect(content).toContain(shownWords(sinceNote(entry, language)));
            if (role === 'meta-server') expect(content).toContain(shownWords(standbyNote(entry, language, release)));
          } catch (error) {
            missing.push(`${entry.operationId}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
        expect(missing).toEqual([]);
      });
    },
  );

  it('leads from a call to the same call in another release, in both languages, and the language switch keeps the release', async () => {
    const role = 'meta-server';
    const [first, ...others] = RELEASES;
    const [language, other] = languages as [Language, Language];
    // A call every release has, under the same anchor in both languages.
    const sameAnchor = (o: IndexedOperation) =>
      RELEASES.every((r) => languages.every((l) => indexOf(role, l, r).operations.some((e) => operationAnchor(e) === operationAnchor(o))));
    const entry = indexOf(role, language, first).operations.find(sameAnchor)!;
    const id = operationAnchor(entry) as string;
    const shownIn = async (page: Page, l: Language, release: Release) => {
      await page.waitForURL(`${site.url}/${referenceFile(role, l, release)}#${id}`);
      const there = indexOf(role, l, release).operations.find((o) => operationAnchor(o) === id)!;
      await operationShown(page, id, String(there.operation.summary));
      expect(await page.locator('.pegasus-bar select[data-release] option:checked').innerText()).toBe(release);
    };
    // master → the next release in one language, across to the other language, then to the oldest release.
    await visit(`${referenceFile(role, language, first)}#${id}`, async (page) => {
      await page.locator('.pegasus-bar select[data-release]').selectOption({ label: others[0]! });
      await shownIn(page, language, others[0]!);
      await page.locator('.pegasus-bar .switch').click();
      await shownIn(page, other, others[0]!);
      await page.locator('.pegasus-bar select[data-release]').selectOption({ label: others.at(-1)! });
      await shownIn(page, other, others.at(-1)!);
    });
  });

  it('leads from a call on the changes page to its section on the reference page', async () => {
    const language = 'en';
    await visit(pageFile(language, 'changes.html'), async (page) => {
      const row = page.locator('table.changes tr[data-operation]').first();
      const [role, base, revision, change, operationId] = await Promise.all(
        ['data-role', 'data-base', 'data-revision', 'data-change', 'data-operation'].map((name) => row.getAttribute(name)),
      );
      const release = (change === 'removed' ? base : revision) as Release;
      const entry = indexOf(role as Role, language, release).operations.find((o) => o.operationId === operationId)!;
      await row.locator('a').first().click();
      const id = operationAnchor(entry) as string;
      await page.waitForURL(`${site.url}/${referenceFile(role, language, release)}#${id}`);
      await operationShown(page, id, String(entry.operation.summary));
    });
  });
});

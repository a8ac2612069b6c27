// Redoc's own words in the pages' languages (src/redoc-labels.mjs), without a browser: every word
// given is one the inlined Redoc asks for, the built pages carry the hook in Chinese and not in
// English, and a bundle without the hook fails the build rather than ship English labels.
import { readFileSync } from 'node:fs';
import { ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { PAGES, pageFile } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { DEFAULT_TRANSLATE, localizeRedoc, REDOC_LABELS } from '../src/redoc-labels.mjs';

const SITE = new URL('../dist/', import.meta.url).pathname;
const pages = PAGES as Record<string, { file: string }>;
const labels = REDOC_LABELS as Record<string, Record<string, string>>;
const built = (language: string, role: string) => readFileSync(`${SITE}${pageFile(language, pages[role]!.file)}`, 'utf8');
/** The inlined Redoc bundle of a page. */
const bundleOf = (html: string) => html.slice(html.indexOf('<script type="module">'));

describe("Redoc's own words", () => {
  it('are given only for keys the inlined Redoc asks for', () => {
    const bundle = bundleOf(built('en', 'meta-server'));
    const unknown = Object.keys(labels['zh-CN']!).filter((key) => !bundle.includes(`\`${key}\``));
    expect(unknown).toEqual([]);
  });

  it.each(ROLES)('are put in Chinese on the zh-CN %s page, and left to Redoc on the English one', (role) => {
    const english = built('en', role);
    expect(bundleOf(english)).toContain(DEFAULT_TRANSLATE);
    const chinese = built('zh-CN', role);
    expect(chinese).not.toContain(DEFAULT_TRANSLATE);
    expect(bundleOf(chinese)).toContain(JSON.stringify(labels['zh-CN']));
    // The server-rendered loading text is in Chinese too, so that hydration finds what it renders.
    const rendered = chinese.slice(0, chinese.indexOf('<script type="module">'));
    expect(rendered).not.toContain('>Loading...<');
    expect(rendered).toContain(`>${labels['zh-CN']!.loading}<`);
  });

  it('leave a page in a language without words of its own as it is', () => {
    const page = `<div>Loading...</div><script type="module">${DEFAULT_TRANSLATE}</script>`;
    expect(localizeRedoc(page, 'en')).toBe(page);
  });

  it('fail when the bundle has no translate hook where Redoc 3.0.1 has it', () => {
    expect(() => localizeRedoc('<script type="module">const redoc = 1;</script>', 'zh-CN', 'zh-CN/meta-server.html')).toThrow(
      /zh-CN\/meta-server\.html: Redoc's translate hook was not found exactly once/,
    );
  });
});

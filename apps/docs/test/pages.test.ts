// The docs view (src/pages.mjs, with the notes of src/notes.mjs) and the site's Markdown, without
// a browser: what each operation of each page gets written into it, in both languages and every
// release.

import { buildOperationIndex, type IndexedOperation, type OpenApiDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { renderMarkdown } from '../src/markdown.mjs';
// @ts-expect-error: plain ESM modules without types
import { sinceNote, standbyNote, standbyOf, TEXT } from '../src/notes.mjs';
// @ts-expect-error: plain ESM modules without types
import { docsView, LANGUAGES, loadLanguageDocument } from '../src/pages.mjs';

type Language = 'en' | 'zh-CN';
type Standby = {
  serve: string;
  redirect: string;
  answer: (release: string, status: number, example: string, body: string) => string;
  emptyBody: string;
  crash: (release: string) => string;
};
const text = TEXT as Record<
  Language,
  {
    warningTitle: Record<string, string>;
    since: (r: string) => string;
    olderReleases: string;
    comparedWithMaster: string;
    standby: Standby;
  }
>;
/** The words every standby note starts with ("On a standby MetaServer:"). */
const standbyWords = (language: Language) => text[language].standby.serve.replace(/^\*\*/, '').split(/[:：]/)[0]!;

describe.each(LANGUAGES as Language[])('the %s docs view', (language) => {
  const cases = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));
  it.each(cases)('of %s %s starts each marked call with its warning, then the release it appeared in', (release, role) => {
    const view = docsView(loadLanguageDocument(role, language, release), { role, language, release }) as OpenApiDocument;
    let marked = 0;
    for (const entry of buildOperationIndex(role, view).operations) {
      const { operationId, safety, operation } = entry;
      const description = String(operation.description);
      const since = sinceNote(entry, language) as string;
      expect(since).toContain(text[language].since('').split(' ')[0]!);
      if (safety) {
        marked += 1;
        expect(description.startsWith(`> **⚠ ${text[language].warningTitle[safety]}`), operationId).toBe(true);
        expect(description.split('\n\n')[1], operationId).toBe(since);
        expect(operation['x-badges'], operationId).toEqual([expect.objectContaining({ name: `⚠ ${text[language].warningTitle[safety]}` })]);
      } else {
        expect(description.startsWith(since), operationId).toBe(true);
        expect(operation['x-badges'], operationId).toBeUndefined();
      }
      // Master's pages list how the older releases differ; a release's says how it and the others differ from master.
      const heading = release === 'master' ? text[language].olderReleases : text[language].comparedWithMaster;
      if (release === 'master' || operation['x-pegasus-differences']) expect(description, operationId).toContain(heading);
      // What a standby MetaServer does, on each MetaServer call and nowhere else.
      if (role === 'meta-server') expect(description, operationId).toContain(standbyNote(entry, language, release));
      else expect(description, operationId).not.toContain(standbyWords(language));
      expect(
        (operation['x-codeSamples'] as { label: string }[]).map((s) => s.label),
        operationId,
      ).toEqual(['curl', 'TypeScript']);
    }
    if (release === 'master') expect(marked).toBe(role === 'meta-server' ? 10 : 7);
  });
});

describe('the standby note', () => {
  /** An operation with this standby mark, documenting the answers `examples` with status 200. */
  const entry = (standby: unknown, redirects = false, examples: Record<string, unknown> = {}) =>
    ({
      operation: standby === undefined ? {} : { 'x-pegasus-standby': standby },
      redirects,
      responses: { '200': { status: '200', media: [{ mediaType: 'application/json', examples }], headers: {} } },
    }) as unknown as IndexedOperation;

  it('reads x-pegasus-standby, and takes a documented 307 without it for a redirect', () => {
    expect(standbyOf(entry('crash'))).toBe('crash');
    expect(standbyOf(entry({ status: 200, example: 'empty' }, true))).toEqual({ status: 200, example: 'empty' });
    expect(standbyOf(entry(undefined, true))).toBe('redirect');
    expect(standbyOf(entry(undefined))).toBeUndefined();
  });

  it.each(LANGUAGES as Language[])('says in %s what a standby of the release does', (language) => {
    const words = text[language].standby;
    expect(standbyNote(entry('redirect'), language, 'master')).toBe(words.redirect);
    expect(standbyNote(entry(undefined, true), language, 'master')).toBe(words.redirect);
    expect(standbyNote(entry(undefined), language, 'v2.5.0')).toBe(words.serve);
    const answer = standbyNote(entry({ status: 200, example: 'emptyState' }), language, 'v2.5.0') as string;
    expect(answer).toBe(words.answer('v2.5.0', 200, 'emptyState', ''));
    for (const fragment of ['v2.5.0', '200', '`emptyState`']) expect(answer).toContain(fragment);
    // The documented answer's body, when there is one, is quoted: JSON compact, text as it is.
    const mark = { status: 200, example: 'emptyState' };
    expect(standbyNote(entry(mark, false, { emptyState: { total: '0' } }), language, 'v2.5.0')).toContain('`{"total":"0"}`');
    expect(standbyNote(entry(mark, false, { emptyState: 'a `b`' }), language, 'v2.5.0')).toContain('`` a `b` ``');
    expect(standbyNote(entry(mark, false, { emptyState: '' }), language, 'v2.5.0')).toContain(words.emptyBody);
    const crash = standbyNote(entry('crash'), language, 'v2.4.0') as string;
    expect(crash).toBe(words.crash('v2.4.0'));
    expect(crash.startsWith('> **⚠')).toBe(true);
    expect(crash).toContain('v2.4.0');
    for (const note of [words.serve, words.redirect, answer, crash]) expect(note).toContain(standbyWords(language));
    expect(words.redirect).toContain('307');
  });
});

describe('the Markdown of the site pages', () => {
  it('renders what the wire pages use', () => {
    const html = renderMarkdown(
      '# A `b`\n\nSome **bold** text\nand a [link](x.html).\n\n- one\n- two `c`\n\n| h | i |\n|---|---|\n| `a\\|b` | 2 |\n\n```json\n{"a":"<"}\n```\n\n> **Note:** a note.',
    ) as string;
    for (const fragment of [
      '<h1 id="a-b">A <code>b</code></h1>',
      '<strong>bold</strong>',
      '<a href="x.html">link</a>',
      '<li>two <code>c</code></li>',
      '<th>h</th>',
      '<td><code>a|b</code></td>',
      '<pre><code class="language-json">{&quot;a&quot;:&quot;&lt;&quot;}',
      '<blockquote>\n<p><strong>Note:</strong> a note.</p>\n</blockquote>',
    ]) {
      expect(html).toContain(fragment);
    }
  });

  it('gives each heading an id from its words, in any script', () => {
    expect(renderMarkdown('## Every body is labelled `text/plain`\n\n## 每个响应体都标为 `text/plain`')).toBe(
      '<h2 id="every-body-is-labelled-textplain">Every body is labelled <code>text/plain</code></h2>\n<h2 id="每个响应体都标为-textplain">每个响应体都标为 <code>text/plain</code></h2>\n',
    );
  });
});

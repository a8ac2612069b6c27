// The docs view (src/pages.mjs) and the site's Markdown, without a browser: what each operation of
// each page gets written into it, in both languages.

import { buildOperationIndex, type OpenApiDocument, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { renderMarkdown } from '../src/markdown.mjs';
// @ts-expect-error: plain ESM modules without types
import { docsView, LANGUAGES, loadLanguageDocument, sinceNote, TEXT } from '../src/pages.mjs';

type Language = 'en' | 'zh-CN';
const text = TEXT as Record<Language, { warningTitle: Record<string, string>; since: (r: string) => string; olderReleases: string }>;

describe.each(LANGUAGES as Language[])('the %s docs view', (language) => {
  it.each(ROLES)('of %s starts each marked call with its warning, then the release it appeared in', (role) => {
    const view = docsView(loadLanguageDocument(role, language), { role, language }) as OpenApiDocument;
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
      expect(description, operationId).toContain(text[language].olderReleases);
      expect(
        (operation['x-codeSamples'] as { label: string }[]).map((s) => s.label),
        operationId,
      ).toEqual(['curl', 'TypeScript']);
    }
    expect(marked).toBe(role === 'meta-server' ? 10 : 7);
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

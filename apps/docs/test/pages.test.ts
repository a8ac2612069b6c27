// The docs view (src/pages.mjs) and the site's Markdown, without a browser: what each operation of
// each page gets written into it, in both languages.
import { describe, expect, it } from 'vitest';
import { listOperations, ROLES } from '@pegasus-http/spec';
// @ts-expect-error: plain ESM modules without types
import { docsView, LANGUAGES, loadLanguageDocument, sinceNote, TEXT } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { renderMarkdown } from '../src/markdown.mjs';

type Language = 'en' | 'zh-CN';
const text = TEXT as Record<Language, { warningTitle: Record<string, string>; since: (r: string) => string; olderReleases: string }>;

describe.each(LANGUAGES as Language[])('the %s docs view', (language) => {
  it.each(ROLES)('of %s starts each marked call with its warning, then the release it appeared in', (role) => {
    const view = docsView(loadLanguageDocument(role, language), { role, language });
    let marked = 0;
    for (const { operationId, operation } of listOperations(view)) {
      const description = String(operation.description);
      const mark = operation['x-pegasus-safety'] as string | undefined;
      const since = sinceNote(operation, language) as string;
      expect(since).toContain(text[language].since('').split(' ')[0]!);
      if (mark) {
        marked += 1;
        expect(description.startsWith(`> **⚠ ${text[language].warningTitle[mark]}`), operationId).toBe(true);
        expect(description.split('\n\n')[1], operationId).toBe(since);
        expect(operation['x-badges'], operationId).toEqual([expect.objectContaining({ name: `⚠ ${text[language].warningTitle[mark]}` })]);
      } else {
        expect(description.startsWith(since), operationId).toBe(true);
        expect(operation['x-badges'], operationId).toBeUndefined();
      }
      expect(description, operationId).toContain(text[language].olderReleases);
      expect((operation['x-codeSamples'] as { label: string }[]).map((s) => s.label), operationId).toEqual(['curl', 'TypeScript']);
    }
    expect(marked).toBe(role === 'meta-server' ? 10 : 7);
  });
});

describe('the Markdown of the site pages', () => {
  it('renders what the wire pages use', () => {
    expect(renderMarkdown('# A `b`\n\nSome **bold** text\nand a [link](x.html).\n\n- one\n- two `c`\n\n| h | i |\n|---|---|\n| `a\\|b` | 2 |\n\n```json\n{"a":"<"}\n```')).toBe(
      [
        '<h1 id="a-b">A <code>b</code></h1>',
        '<p>Some <strong>bold</strong> text and a <a href="x.html">link</a>.</p>',
        '<ul>\n<li>one</li>\n<li>two <code>c</code></li>\n</ul>',
        '<table>\n<thead><tr><th>h</th><th>i</th></tr></thead>\n<tbody>\n<tr><td><code>a|b</code></td><td>2</td></tr>\n</tbody>\n</table>',
        '<pre><code class="language-json">{&quot;a&quot;:&quot;&lt;&quot;}</code></pre>',
      ].join('\n'),
    );
  });
});

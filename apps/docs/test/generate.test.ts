// The "Generate a client" page and the generator matrix (packages/generators/matrix.json) in step:
// in both languages, every generator of the matrix, and no other, has its section with its exact
// install lines, command, the files it needs and its setting in code (verbatim), its setting,
// workaround and issues in the page's language; and every artifact the spec publishes, of every
// release, is there to download. Reads the built site (build first).
import { existsSync, readFileSync } from 'node:fs';
// @ts-expect-error: plain ESM modules without types
import { commandLine, GENERATORS, matrixFile, PINNED, shownFiles } from '@pegasus-http/generator-matrix/matrix';
import { RELEASES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM modules without types
import { GENERATE_TEXT, publishedArtifacts } from '../src/generators.mjs';
// @ts-expect-error: plain ESM modules without types
import { artifactFile, LANGUAGES, pageFile, relativeHref } from '../src/pages.mjs';
// @ts-expect-error: plain ESM modules without types
import { SITE_DIR } from '../src/serve.mjs';

type Language = 'en' | 'zh-CN';
type Bilingual = Record<Language, string>;
interface Entry {
  id: string;
  name: string;
  package: string;
  version: string;
  tools: string[];
  runtime: string[];
  files: string[];
  status: string;
  setting: Bilingual;
  workaround?: Bilingual;
  network?: Bilingual;
  issues: Bilingual[];
}

const entries = GENERATORS as Entry[];
const devDependencies = PINNED as Record<string, string>;
const text = GENERATE_TEXT as Record<Language, { status: Record<string, string> }>;

/** The text of some HTML: tags dropped, entities read. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');

/** A text of the matrix as the page shows it: its code spans without their backticks. */
const shown = (matrixText: string) => matrixText.replace(/`([^`]+)`/g, '$1');

/** The sections of a page, by the id of their h2. */
function sections(html: string): Map<string, string> {
  const parts = html.split(/(?=<h2 id=")/).slice(1);
  return new Map(parts.map((part) => [/^<h2 id="([^"]+)"/.exec(part)![1]!, part]));
}

/** The code blocks of some HTML, as text. */
const codeBlocks = (html: string) => [...html.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => textOf(m[1]!));

const pin = (names: string[]) => names.map((name) => `${name}@${devDependencies[name]}`).join(' ');

describe.each(LANGUAGES as Language[])('the %s page "Generate a client"', (language) => {
  const file = pageFile(language, 'generate.html');
  const html = readFileSync(`${SITE_DIR}/${file}`, 'utf8');
  const byId = sections(html);
  const href = (from: string, to: string) => `href="${relativeHref(from, to)}"`;

  it('has a section for every generator of the matrix, and for no other', () => {
    const ids = [...byId.keys()].filter((id) => !['artifacts', 'generators'].includes(id));
    expect(ids).toEqual(entries.map((entry) => entry.id));
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('gives %s as the matrix tests it', (_, entry) => {
    const section = byId.get(entry.id)!;
    const blocks = codeBlocks(section);
    const install = [`npm install --save-dev ${pin([entry.package, ...entry.tools])}`];
    if (entry.runtime.length) install.push(`npm install ${pin(entry.runtime)}`);
    expect(blocks).toContain(install.join('\n'));
    expect(blocks).toContain(commandLine(entry, 'meta-server.openapi.json'));
    for (const path of shownFiles(entry) as string[]) expect(blocks, path).toContain(matrixFile(path).trimEnd());
    const words = textOf(section);
    expect(words).toContain(`${entry.name} ${entry.version} · ${text[language].status[entry.status]}`);
    for (const paragraph of [entry.setting, entry.workaround, entry.network, ...entry.issues].filter(Boolean))
      expect(words).toContain(shown(paragraph![language]));
  });

  it('links every artifact the spec publishes, of every release, to a file of the site', () => {
    const published = publishedArtifacts(RELEASES) as { release: string; name: string }[];
    expect(published.length).toBeGreaterThanOrEqual(RELEASES.length * 2 * 3);
    for (const { release, name } of published) {
      const path = artifactFile(release, name);
      expect(html, path).toContain(`${href(file, path)} download`);
      expect(existsSync(`${SITE_DIR}/${path}`), path).toBe(true);
    }
  });

  it('is linked from the bar and the landing page, and links the wire page', () => {
    const landingFile = pageFile(language, 'index.html');
    const landing = readFileSync(`${SITE_DIR}/${landingFile}`, 'utf8');
    expect(landing.split(href(landingFile, file)).length - 1, 'links: bar and text').toBeGreaterThanOrEqual(2);
    expect(html).toContain(href(file, pageFile(language, 'wire.html')));
  });
});

// What orval 7.13.2 writes wrong, mended in the files it wrote (a hook run after it writes them):
// - it puts the text of a `const` between single quotes without escaping its apostrophes, and
//   escapes only the first apostrophe of an `enum` text: `'name shouldn't be empty'` does not
//   compile. Every such text of the description, written the broken way, is written again with
//   each apostrophe escaped; the texts stay exactly the server's.
// - it imports the mutator without a file extension (`'../pegasus-axios'`), which a Node.js
//   project (`moduleResolution: NodeNext`) refuses: `.js` is added to each extensionless relative import.
// `hooks: { afterAllFilesWrite: mendOrval('meta-server.openapi.json') }`
import { readFileSync, writeFileSync } from 'node:fs';

/** The texts of every `const` and `enum` in a description that hold an apostrophe. */
function quotedTexts(node: unknown, found = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries(node)) {
    const texts = key === 'const' ? [value] : key === 'enum' && Array.isArray(value) ? value : [];
    for (const text of texts) if (typeof text === 'string' && text.includes("'")) found.add(text);
    quotedTexts(value, found);
  }
  return found;
}

/** Each broken way orval writes a text, with the literal TypeScript reads as that text. */
function quoteMends(text: string): [string, string][] {
  const literal = `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const broken = [`'${text}'`, `'${text.replace("'", "\\'")}'`].filter((form) => form !== literal);
  return broken.map((form): [string, string] => [form, literal]);
}

/** Replaces every `broken` by its `literal`; returns the code and how many it replaced. */
function mendQuotes(code: string, pairs: [string, string][]) {
  let count = 0;
  for (const [broken, literal] of pairs) {
    count += code.split(broken).length - 1;
    code = code.replaceAll(broken, literal);
  }
  return { code, count };
}

/** Adds `.js` to each relative import without an extension; returns the code and how many it changed. */
function mendImports(code: string) {
  let count = 0;
  const mended = code.replace(/(from\s+['"])(\.{1,2}\/[^'"]*?)(['"])/g, (match, from: string, path: string, quote: string) => {
    if (/\.[cm]?[jt]s$/.test(path)) return match;
    count += 1;
    return `${from}${path}.js${quote}`;
  });
  return { code: mended, count };
}

/** How many texts and imports the hook mended, for whoever wants to know. */
export interface Mended {
  quotes: number;
  imports: number;
}

/** The hook: mends the files orval wrote from the description at `input`, counting in `mended`. */
export function mendOrval(input: string, mended: Mended = { quotes: 0, imports: 0 }) {
  return (files: string[]) => {
    const pairs = [...quotedTexts(JSON.parse(readFileSync(input, 'utf8')))].flatMap(quoteMends);
    for (const file of files) {
      const quotes = mendQuotes(readFileSync(file, 'utf8'), pairs);
      const imports = mendImports(quotes.code);
      writeFileSync(file, imports.code);
      mended.quotes += quotes.count;
      mended.imports += imports.count;
    }
  };
}

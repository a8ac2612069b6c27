// What a request asks of the mock's answer, read as Prism's own HTTP server reads it (Prism
// 5.14.2): the `Prefer` header (`code=404, example=emptyName, dynamic=true, seed=1`) or, when the
// request has none, the `__code`, `__example`, `__dynamic` and `__seed` query parameters. A value
// that Prism refuses gets Prism's 422, with the same account of it. Only the wire mode needs this:
// it reads requests itself, where the default mode is Prism's server.
import type { MockPreferences } from './prism.js';

/** Prism's answer to a preference it cannot read: a title, and an account of each bad value. */
export interface PreferenceProblem {
  status: 422;
  title: 'Invalid request';
  detail: string;
}

export type PreferencesResult = { ok: true; preferences: MockPreferences } | { ok: false; problem: PreferenceProblem };

/** Each preference, and how its text is read (undefined: not a value Prism accepts), in the order Prism reports problems. */
const FIELDS = [
  { name: 'code', key: 'code', expected: 'a number', read: (text: string) => (/^\d{3}$/.test(text) ? Number(text) : undefined) },
  {
    name: 'dynamic',
    key: 'dynamic',
    expected: 'a boolean',
    read: (text: string) => (text === 'true' ? true : text === 'false' ? false : undefined),
  },
  { name: 'seed', key: 'seed', expected: 'string', read: (text: string) => text },
  { name: 'example', key: 'exampleKey', expected: 'string', read: (text: string) => text },
] as const;

/** Splits on a separator found outside double quotes; text after a quote left open is dropped, as Prism's parser drops it. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (!quoted) parts.push(text.slice(start));
  return parts;
}

/**
 * The preferences of a `Prefer` header, by name. Each comma-separated preference counts up to its
 * first `;` (the parameters after it get names of their own, none of them ours); its name is
 * lower-cased and, as Prism camel-cases it, stripped of punctuation at either end (`__code` is
 * `code`); its value is trimmed and unquoted, and `true` when empty. The first of a name wins.
 */
function readPreferHeader(header: string): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const preference of splitOutsideQuotes(header, ',')) {
    const segment = splitOutsideQuotes(preference, ';')[0];
    if (segment === undefined) continue;
    const equals = segment.indexOf('=');
    const name = (equals === -1 ? segment : segment.slice(0, equals))
      .trim()
      .toLowerCase()
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    let value = equals === -1 ? '' : segment.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!values.has(name)) values.set(name, value === '' ? true : value);
  }
  return values;
}

/** The request's `Prefer` header as one text, or undefined when it has none or an empty one. */
function preferHeader(prefer: string | string[] | undefined): string | undefined {
  const header = Array.isArray(prefer) ? prefer.join(',') : prefer;
  return header || undefined;
}

/**
 * The query as the handler sees it: without the `__code`, `__example`, `__dynamic` and `__seed`
 * parameters when the mock reads its preferences from them (the request has no `Prefer` header).
 * They are the mock's, not the request's: the handler's checks do not see them.
 */
export function withoutPreferenceParameters(
  prefer: string | string[] | undefined,
  query: ReadonlyMap<string, string>,
): Map<string, string> {
  if (preferHeader(prefer) !== undefined) return new Map(query);
  const names = new Set(FIELDS.map(({ name }) => `__${name}`));
  return new Map([...query].filter(([name]) => !names.has(name)));
}

/** What a request prefers: its `Prefer` header if it has a non-empty one, else its `__<name>` query parameters. */
export function readPreferences(prefer: string | string[] | undefined, query: ReadonlyMap<string, string>): PreferencesResult {
  const header = preferHeader(prefer);
  const given: ReadonlyMap<string, unknown> = header
    ? readPreferHeader(header)
    : new Map(FIELDS.map(({ name }) => [name, query.get(`__${name}`)]));
  const preferences: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { name, key, expected, read } of FIELDS) {
    const value = given.get(name);
    if (value === undefined) continue;
    const parsed = typeof value === 'string' ? read(value) : undefined;
    if (parsed === undefined)
      problems.push(
        `optional property "${name}"\n└─ cannot decode ${JSON.stringify(value)}, should be ${typeof value === 'string' ? expected : 'string'}`,
      );
    else preferences[key] = parsed;
  }
  if (problems.length > 0) return { ok: false, problem: { status: 422, title: 'Invalid request', detail: problems.join('\n') } };
  return { ok: true, preferences: preferences as MockPreferences };
}

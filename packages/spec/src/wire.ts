// How a Pegasus server reads and writes HTTP, the one model of it that every package uses: the
// framework's parsing of a request target (src/http/http_server.cpp:168-262,
// src/http/uri_decoder.cpp:56-84, src/utils/strings.cpp:168-326), its own error bodies, the
// `Location` of a standby MetaServer's 307 and the bytes of each of its JSON writers. The checks a
// handler makes on a request before it serves it are `./rules.ts`'s.
// Pure functions, no Node.js API: the typed client imports this module too.
import type { Release } from './releases.js';

/** The writers a Pegasus server uses for JSON bodies (`x-pegasus-wire.serializer`). */
export type WireSerializer = 'table_printer' | 'rapidjson_pretty' | 'nlohmann' | 'nlohmann_indent2';
export const WIRE_SERIALIZERS: readonly WireSerializer[] = ['table_printer', 'rapidjson_pretty', 'nlohmann', 'nlohmann_indent2'];

/** `x-pegasus-wire`: the label the server really sends, and how it writes a JSON body. */
export interface WireInfo {
  'content-type': string;
  serializer?: WireSerializer;
}

/** The framework's answer to a target it cannot parse: 400 with this text. */
export function requestParseErrorBody(error: string): string {
  return `failed to parse request: ${error}`;
}

/** The framework's 404 body for a path no call is registered under (`path` normalised, no leading `/`). */
export function serviceNotFoundBody(path: string): string {
  return `service not found for "${path}"`;
}

// ---------------------------------------------------------------------------------------------
// Reading a request target

export type PegasusTarget = { ok: true; path: string; query: Map<string, string> } | { ok: false; error: string };

// What the server trims from each token: blanks and tabs in front; blanks, tabs, CR and LF behind.
const LEADING_BLANKS = new Set([' ', '\t']);
const TRAILING_BLANKS = new Set([' ', '\t', '\r', '\n']);

/** Splits on a separator as the server does: up to a NUL only, each token trimmed, empty tokens dropped. */
export function splitArgs(input: string, separator: string): string[] {
  const end = input.indexOf('\0');
  const text = end === -1 ? input : input.slice(0, end);
  const tokens: string[] = [];
  for (const raw of text.split(separator)) {
    let from = 0;
    let to = raw.length;
    while (from < to && LEADING_BLANKS.has(raw[from] as string)) from++;
    while (to > from && TRAILING_BLANKS.has(raw[to - 1] as string)) to--;
    if (to > from) tokens.push(raw.slice(from, to));
  }
  return tokens;
}

const HEX = /^[0-9a-fA-F]{2}$/;
const utf8 = new TextDecoder();

/**
 * Percent-decodes like the server: a `%` needs two characters after it (else "partial escape"),
 * and a non-hex pair is reported with everything from it to the end of the text (up to a NUL).
 * `encoded` holds one byte per character, as Node.js gives a request target.
 */
export function decodeUri(encoded: string): { ok: true; value: string } | { ok: false; error: string } {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const byte = encoded.charCodeAt(i) & 0xff;
    if (byte !== 0x25 /* % */) {
      bytes.push(byte);
      continue;
    }
    if (i + 2 >= encoded.length)
      return { ok: false, error: 'ERR_INVALID_PARAMETERS: Encountered partial escape sequence at end of string' };
    const pair = encoded.slice(i + 1, i + 3);
    if (!HEX.test(pair)) {
      const rest = encoded.slice(i + 1).split('\0')[0];
      return {
        ok: false,
        error: `ERR_INVALID_PARAMETERS: The characters ${rest} do not form a hex value. Please escape it or pass a valid hex value`,
      };
    }
    bytes.push(Number.parseInt(pair, 16));
    i += 2;
  }
  return { ok: true, value: utf8.decode(new Uint8Array(bytes)) };
}

/**
 * How a release splits the decoded path and query: master and v2.5.0 with their own splitter
 * (`splitArgs`: trimmed tokens, empty ones dropped, up to a NUL); v2.4.0 with `boost::split`, which
 * trims nothing, keeps a NUL and keeps empty tokens (an empty query token is a parameter named `""`;
 * empty path segments are dropped afterwards) (v2.4.0:src/rdsn/src/http/http_server.cpp:170-197).
 */
const SPLITTERS: Record<Release, (input: string, separator: string) => string[]> = {
  master: splitArgs,
  'v2.5.0': splitArgs,
  'v2.4.0': (input, separator) => input.split(separator),
};

/** The query of a target once decoded: each `name=value` token, a bare name read as `''`. */
function readQuery(
  decoded: string,
  split: (input: string, separator: string) => string[],
): { ok: true; query: Map<string, string> } | { ok: false; error: string } {
  const query = new Map<string, string>();
  for (const item of split(decoded, '&')) {
    const sep = item.indexOf('=');
    if (sep === -1) {
      if (!query.has(item)) query.set(item, '');
      continue;
    }
    const name = item.slice(0, sep);
    if (query.has(name)) return { ok: false, error: `ERR_INVALID_PARAMETERS: duplicate parameter: ${name}` };
    query.set(name, item.slice(sep + 1));
  }
  return { ok: true, query };
}

/**
 * Reads a request target (`/path?query#fragment`, or an absolute URL) as a Pegasus server of a
 * release does: the path and the whole query are percent-decoded before they are split, path
 * segments are trimmed (not in v2.4.0) and empty ones dropped, and a name given twice with `=`
 * fails the request.
 */
export function parsePegasusTarget(target: string, release: Release = 'master'): PegasusTarget {
  const split = SPLITTERS[release];
  let rest = target.split('#')[0] as string;
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const question = rest.indexOf('?');
  const rawPath = question === -1 ? rest : rest.slice(0, question);
  const rawQuery = question === -1 ? '' : rest.slice(question + 1);
  // The server decodes the path from a buffer that ends with a NUL.
  const path = decodeUri(`${rawPath}\0`);
  if (!path.ok) return path;
  let query = new Map<string, string>();
  if (rawQuery !== '') {
    const decoded = decodeUri(rawQuery);
    if (!decoded.ok) return decoded;
    const read = readQuery(decoded.value, split);
    if (!read.ok) return read;
    query = read.query;
  }
  // The path buffer ends with the NUL the server appends; it never takes part in a segment.
  const segments = split(path.value.replace(/\0$/, ''), '/').filter((segment) => segment !== '');
  return { ok: true, path: segments.join('/'), query };
}

/**
 * Why the server would not receive `item` as one item of a comma-separated list parameter (such
 * as `/metrics?types=`), even percent-escaped, or undefined when it would. The server decodes the
 * whole query before it splits it on `&`, splits each list on `,`, trims each item and drops
 * empty ones, and reads the query up to a NUL.
 */
export function listItemProblem(item: string): string | undefined {
  if (item === '') return 'is empty, and the server drops empty items';
  if (item.includes(',')) return 'contains ",", and the server splits every list on commas (%2C included)';
  if (item.includes('&')) return 'contains "&", and the server decodes the whole query before splitting it on "&" (%26 included)';
  if (item.includes('\0')) return 'contains a NUL byte, where the server stops reading the query';
  if (LEADING_BLANKS.has(item[0] as string)) return 'begins with a space or tab, which the server trims';
  if (TRAILING_BLANKS.has(item.at(-1) as string)) return 'ends with a space, tab, CR or LF, which the server trims';
  if (/\p{Surrogate}/u.test(item)) return 'holds a lone UTF-16 surrogate, which has no UTF-8 encoding';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Redirects

/**
 * The `Location` a standby MetaServer sends: the primary, the normalised path and the parameters
 * as it decoded them, joined again without escaping (src/meta/meta_http_service.cpp).
 */
export function standbyLocation(primary: string, path: string, query: ReadonlyMap<string, string>): string {
  const pairs = [...query].map(([name, value]) => `${name}=${value}`);
  const base = primary.includes('://') ? primary.replace(/\/+$/, '') : `http://${primary}`;
  return `${base}/${path.replace(/^\/+/, '')}${pairs.length ? `?${pairs.join('&')}` : ''}`.replaceAll('\0', '');
}

/** The next hop of a chain of 307s, or why the chain must stop. */
export type RedirectStep = { ok: true; url: string } | { ok: false; reason: 'no-location' | 'loop' | 'too-many'; chain: string[] };

/**
 * Where a 307 leads, given the URLs visited so far (the first request's included) and the
 * `Location` it carries: the next absolute URL, or why to stop: no usable Location, an address
 * already visited (a loop), or more than `maxRedirects` hops.
 */
export function nextRedirect(chain: readonly string[], location: string | null | undefined, maxRedirects: number): RedirectStep {
  let next: string;
  try {
    next = new URL(location ?? '', chain.at(-1)).href;
  } catch {
    return { ok: false, reason: 'no-location', chain: [...chain] };
  }
  if (!location || !/^https?:$/.test(new URL(next).protocol)) return { ok: false, reason: 'no-location', chain: [...chain] };
  if (chain.includes(next)) return { ok: false, reason: 'loop', chain: [...chain, next] };
  if (chain.length > maxRedirects) return { ok: false, reason: 'too-many', chain: [...chain, next] };
  return { ok: true, url: next };
}

// ---------------------------------------------------------------------------------------------
// Writing JSON bodies

const encoder = new TextEncoder();

function byteOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

function writeJson(value: unknown, indent: number, sortKeys: boolean, depth: number): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot write ${typeof value} as JSON`);
    return text;
  }
  const pad = indent > 0 ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const close = indent > 0 ? `\n${' '.repeat(indent * depth)}` : '';
  const colon = indent > 0 ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => `${pad}${writeJson(item, indent, sortKeys, depth + 1)}`).join(',')}${close}]`;
  }
  const keys = Object.keys(value);
  if (sortKeys) keys.sort(byteOrder);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (key) => `${pad}${JSON.stringify(key)}${colon}${writeJson((value as Record<string, unknown>)[key], indent, sortKeys, depth + 1)}`,
  );
  return `{${members.join(',')}${close}}`;
}

/**
 * The bytes a Pegasus server writes for a JSON value, per writer:
 * - `table_printer`: compact, keys in insertion order, then a newline;
 * - `rapidjson_pretty`: 4-space indent, `"key": value`, no trailing newline (/metrics);
 * - `nlohmann`: compact, keys sorted byte-wise at every level, no trailing newline;
 * - `nlohmann_indent2`: the same sorted keys with a 2-space indent.
 */
export function writeWireJson(value: unknown, serializer: WireSerializer): string {
  switch (serializer) {
    case 'table_printer':
      return `${writeJson(value, 0, false, 0)}\n`;
    case 'rapidjson_pretty':
      return writeJson(value, 4, false, 0);
    case 'nlohmann':
      return writeJson(value, 0, true, 0);
    case 'nlohmann_indent2':
      return writeJson(value, 2, true, 0);
    default:
      throw new Error(`Unknown serializer ${String(serializer)}`);
  }
}

// How a Pegasus server reads and writes HTTP, the one model of it that every package uses: the
// framework's parsing of a request target (src/http/http_server.cpp:168-262,
// src/http/uri_decoder.cpp:56-84, src/utils/strings.cpp:168-326), its own error bodies, the
// `Location` of a standby MetaServer's 307, the bytes of each of its JSON writers, and the checks
// each handler makes on a request before it serves it (`x-pegasus-rules`: `brokenRule`).
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

// ---------------------------------------------------------------------------------------------
// The checks a handler makes on a request before it serves it (`x-pegasus-rules`)

/** The kinds of check a handler makes (openapi/EXTENSIONS.md, `x-pegasus-rules`). */
export const RULE_CHECKS = [
  'unknown-parameter',
  'missing-parameter',
  'empty-parameter',
  'not-boolean',
  'not-integer',
  'odd-list',
  'parameter-count',
  'undecodable-body',
  'empty-field',
  'field-not-in',
  'field-below',
] as const;
export type RuleCheck = (typeof RULE_CHECKS)[number];

/** The checks about one named query parameter (`parameter`). */
export const PARAMETER_CHECKS: readonly RuleCheck[] = ['missing-parameter', 'empty-parameter', 'not-boolean', 'not-integer', 'odd-list'];
/** The checks about one field of the decoded request body (`field`). */
export const FIELD_CHECKS: readonly RuleCheck[] = ['empty-field', 'field-not-in', 'field-below'];

/** How the server's JSON decoder reads a body field (`undecodable-body`'s `fields`). */
export type BodyFieldType = 'string' | 'int32' | 'int64';

/** The documented answer a broken rule gets: a status, an example's name and, once resolved, its value. */
export interface RuleAnswer {
  status: number;
  example: string;
  value?: unknown;
}

/** One entry of `x-pegasus-rules`: a check, what it reads, and the answer when it fails. */
export interface PegasusRule {
  check: RuleCheck;
  /** The query parameter a parameter check reads. */
  parameter?: string;
  /** `not-integer`: the integer type the value must fit (default `int32`). */
  format?: 'int32' | 'int64';
  /** `not-integer`, `field-below`: the smallest value accepted. */
  minimum?: number;
  /** `parameter-count`: how many query parameters the call takes. */
  count?: number;
  /** `undecodable-body`: the fields the server's decoder knows, in its order, with their types. */
  fields?: Record<string, BodyFieldType>;
  /** The body field a field check reads. */
  field?: string;
  /** `field-not-in`: the values accepted, exactly. */
  values?: string[];
  /** A field check is made only when each of these body fields has this value. */
  when?: Record<string, string>;
  /** A standby MetaServer makes this check before it answers as a standby (its 307, or its own answer). */
  standby?: 'first';
  /** Text of the example's value that names the request → its template of `{name}` and `{value}`. */
  vary?: Record<string, string>;
  answer: RuleAnswer;
}

/** A rule a request breaks, and the query parameter that breaks it (the one `vary` names). */
export interface RuleBreach<R extends PegasusRule = PegasusRule> {
  rule: R;
  parameter?: { name: string; value: string };
}

/** What `brokenRule` is asked for. */
export interface RuleOptions {
  /**
   * The server is a standby MetaServer: it makes only the checks marked `standby: first` (those
   * before its 307, or before its own answer in the releases that never redirect); when none
   * fails, the standby's answer comes next.
   */
  standby?: boolean;
}

const C_SPACES = new Set([' ', '\t', '\n', '\v', '\f', '\r']);

/**
 * An integer as `strtoll(text, &end, 0)` reads it when it must read the whole text, as the
 * server's `buf2int32`/`buf2int64` do: leading blanks, a sign, `0x` for hexadecimal and a leading
 * `0` for octal; undefined when the text is empty or anything is left over.
 */
export function readCInteger(text: string): bigint | undefined {
  let i = 0;
  while (i < text.length && C_SPACES.has(text[i] as string)) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  let digits = /^[0-9]+$/;
  let prefix = '';
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /^[0-9a-fA-F]$/.test(text[i + 2] ?? '')) {
    digits = /^[0-9a-fA-F]+$/;
    prefix = '0x';
    i += 2;
  } else if (text[i] === '0') {
    digits = /^[0-7]+$/;
    prefix = '0o';
  }
  const rest = text.slice(i);
  if (!digits.test(rest)) return undefined;
  const value = BigInt(`${prefix}${rest}`);
  return negative ? -value : value;
}

const INTEGER_RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

const inRange = (value: bigint, format: 'int32' | 'int64') => value >= INTEGER_RANGES[format][0] && value <= INTEGER_RANGES[format][1];

/** `true` or `false` in any letter case, as the server's `buf2bool` reads a flag. */
function isBooleanText(text: string): boolean {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower === 'true' || lower === 'false';
}

// -- Reading a JSON body as the server's decoder (rapidjson, default flags) does --------------

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

type JsonKind = 'string' | 'integer' | 'number' | 'literal' | 'object' | 'array';
interface BodyMember {
  name: string;
  kind: JsonKind;
  /** The string, or the integer, a member holds. */
  value?: string | bigint;
}

class JsonReader {
  i = 0;
  constructor(readonly text: string) {}
  private fail(): never {
    throw new SyntaxError(`invalid JSON at ${this.i}`);
  }
  private peek(): string {
    return this.text[this.i] ?? '\0';
  }
  skipBlanks(): void {
    while (' \t\n\r'.includes(this.peek())) this.i++;
  }
  private expect(token: string): void {
    if (!this.text.startsWith(token, this.i)) this.fail();
    this.i += token.length;
  }
  readString(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) this.fail();
      const c = this.text[this.i++] as string;
      if (c === '"') return out;
      if (c < ' ') this.fail();
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      if (e !== undefined && e in JSON_ESCAPES) {
        out += JSON_ESCAPES[e];
        continue;
      }
      if (e !== 'u') this.fail();
      const unit = this.readHex4();
      if (unit >= 0xd800 && unit <= 0xdbff) {
        // A high surrogate must be followed by an escaped low one.
        this.expect('\\u');
        const low = this.readHex4();
        if (low < 0xdc00 || low > 0xdfff) this.fail();
        out += String.fromCharCode(unit, low);
      } else out += String.fromCharCode(unit);
    }
  }
  private readHex4(): number {
    const hex = this.text.slice(this.i, this.i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
    this.i += 4;
    return Number.parseInt(hex, 16);
  }
  /** Reads one value; returns its kind and, for a string or an integer, its value. */
  readValue(): { kind: JsonKind; value?: string | bigint } {
    this.skipBlanks();
    const c = this.peek();
    if (c === '"') return { kind: 'string', value: this.readString() };
    if (c === '{') {
      this.readObject();
      return { kind: 'object' };
    }
    if (c === '[') {
      this.i++;
      this.skipBlanks();
      if (this.peek() === ']') {
        this.i++;
        return { kind: 'array' };
      }
      for (;;) {
        this.readValue();
        this.skipBlanks();
        if (this.peek() === ']') {
          this.i++;
          return { kind: 'array' };
        }
        this.expect(',');
      }
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return { kind: 'literal' };
      }
    }
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(this.text);
    if (!number) this.fail();
    this.i += number[0].length;
    if (number[2] === undefined && number[3] === undefined) return { kind: 'integer', value: BigInt(number[0]) };
    // A number no double can hold is an error to rapidjson.
    if (!Number.isFinite(Number(number[0]))) this.fail();
    return { kind: 'number' };
  }
  /** Reads an object; returns its members in order, a repeated name kept each time. */
  readObject(): BodyMember[] {
    this.expect('{');
    const members: BodyMember[] = [];
    this.skipBlanks();
    if (this.peek() === '}') {
      this.i++;
      return members;
    }
    for (;;) {
      this.skipBlanks();
      const name = this.readString();
      this.skipBlanks();
      this.expect(':');
      members.push({ name, ...this.readValue() });
      this.skipBlanks();
      if (this.peek() === '}') {
        this.i++;
        return members;
      }
      this.expect(',');
    }
  }
}

/**
 * The members of a request body that is one JSON object, in order, or undefined when the server's
 * parser (rapidjson, default flags) refuses it or it is no object. Strict JSON; a NUL after the
 * value ends the text, as the server's parser reads it.
 */
function readBodyObject(body: string): BodyMember[] | undefined {
  const reader = new JsonReader(body);
  try {
    reader.skipBlanks();
    if (body[reader.i] !== '{') return undefined;
    const members = reader.readObject();
    reader.skipBlanks();
    if (reader.i < body.length && body[reader.i] !== '\0') return undefined;
    return members;
  } catch {
    return undefined;
  }
}

/** Whether the server's decoder accepts the body for a structure of these fields (src/common/json_helper.h). */
function decodes(members: BodyMember[] | undefined, fields: Record<string, BodyFieldType>): boolean {
  if (!members) return false;
  let parsed = 0;
  for (const [name, type] of Object.entries(fields)) {
    const member = members.find((m) => m.name === name);
    if (!member) continue;
    const ok = type === 'string' ? member.kind === 'string' : member.kind === 'integer' && inRange(member.value as bigint, type);
    if (!ok) return false;
    parsed++;
  }
  // Every known field given (unknown ones then tolerated), or no unknown field at all.
  return parsed === Object.keys(fields).length || parsed === members.length;
}

/** A body field as the decoded structure holds it: the string ('' when absent), or the integer. */
function fieldOf(members: BodyMember[] | undefined, name: string): string | bigint | undefined {
  return members?.find((m) => m.name === name)?.value;
}
const textOf = (members: BodyMember[] | undefined, name: string) => {
  const value = fieldOf(members, name);
  return typeof value === 'string' ? value : '';
};

function breaches<R extends PegasusRule>(
  rule: R,
  declared: ReadonlySet<string>,
  query: ReadonlyMap<string, string>,
  members: () => BodyMember[] | undefined,
): RuleBreach<R> | undefined {
  const named = rule.parameter ?? '';
  const given = query.get(named);
  const breach = (name = named, value = given ?? ''): RuleBreach<R> => ({ rule, parameter: { name, value } });
  if (FIELD_CHECKS.includes(rule.check) && rule.when) {
    for (const [field, value] of Object.entries(rule.when)) if (textOf(members(), field) !== value) return undefined;
  }
  switch (rule.check) {
    case 'unknown-parameter':
      for (const [name, value] of query) if (!declared.has(name)) return breach(name, value);
      return undefined;
    case 'missing-parameter':
      return given === undefined ? breach() : undefined;
    case 'empty-parameter':
      return given === undefined || given === '' ? breach() : undefined;
    case 'not-boolean':
      return given !== undefined && !isBooleanText(given) ? breach() : undefined;
    case 'not-integer': {
      if (given === undefined) return undefined;
      const value = readCInteger(given);
      const ok =
        value !== undefined && inRange(value, rule.format ?? 'int32') && (rule.minimum === undefined || value >= BigInt(rule.minimum));
      return ok ? undefined : breach();
    }
    case 'odd-list':
      return given !== undefined && splitArgs(given, ',').length % 2 === 1 ? breach() : undefined;
    case 'parameter-count':
      return query.size !== rule.count ? { rule } : undefined;
    case 'undecodable-body':
      return decodes(members(), rule.fields ?? {}) ? undefined : { rule };
    case 'empty-field':
      return textOf(members(), rule.field ?? '') === '' ? { rule } : undefined;
    case 'field-not-in':
      return (rule.values ?? []).includes(textOf(members(), rule.field ?? '')) ? undefined : { rule };
    case 'field-below': {
      // A missing integer field holds an undefined value in the server: no answer can be told.
      const value = fieldOf(members(), rule.field ?? '');
      return typeof value === 'bigint' && rule.minimum !== undefined && value < BigInt(rule.minimum) ? { rule } : undefined;
    }
    default:
      throw new Error(`Unknown check ${String(rule.check)}`);
  }
}

/**
 * The first of an operation's rules (`x-pegasus-rules`, in the handler's order) that a request
 * breaks, with the query parameter that breaks it, or undefined when it breaks none. `query` is
 * the query as the server parsed it (`parsePegasusTarget`), in the request's order: when several
 * parameters are unknown, the first one is reported (the server's own order is unspecified).
 * `body` is the request body (none is an empty body, as the server reads it). A standby
 * (`{ standby: true }`) makes only the leading checks marked `standby: first`.
 */
export function brokenRule<R extends PegasusRule>(
  rules: readonly R[],
  declaredParameterNames: Iterable<string>,
  query: ReadonlyMap<string, string>,
  body = '',
  options: RuleOptions = {},
): RuleBreach<R> | undefined {
  const declared = new Set(declaredParameterNames);
  let members: BodyMember[] | undefined | null = null;
  const read = () => {
    if (members === null) members = readBodyObject(body);
    return members;
  };
  for (const rule of rules) {
    if (options.standby && rule.standby !== 'first') return undefined;
    const breach = breaches(rule, declared, query, read);
    if (breach) return breach;
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, rewrite)]));
  return value;
}

/**
 * The body of a broken rule's answer: its example's value, with each text `vary` lists replaced by
 * its template filled from the parameter that broke the rule (`{name}`, `{value}`), in every
 * string of the value. Write it with the answer's media (`writeWireJson` for JSON).
 */
export function answerBody(breach: RuleBreach): unknown {
  const { rule, parameter } = breach;
  const vary = Object.entries(rule.vary ?? {});
  if (vary.length === 0) return rule.answer.value;
  const fill = (template: string) => template.replace(/\{(name|value)\}/g, (_, key: 'name' | 'value') => (parameter ? parameter[key] : ''));
  const templates = new Map(vary);
  const literals = new RegExp(
    [...templates.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return mapStrings(rule.answer.value, (text) => text.replace(literals, (literal) => fill(templates.get(literal) as string)));
}

/** The parameter an example's text names, read back through the rule's first `vary` entry. */
function variedParameter(rule: PegasusRule): { name?: string; value?: string } {
  const [entry] = Object.entries(rule.vary ?? {});
  if (!entry) return {};
  const [literal, template] = entry;
  const pattern = template
    .split(/(\{name\}|\{value\})/)
    .map((part) => (part === '{name}' ? '(?<name>[\\s\\S]*?)' : part === '{value}' ? '(?<value>[\\s\\S]*)' : escapeRegExp(part)))
    .join('');
  return { ...new RegExp(`^${pattern}$`).exec(literal)?.groups };
}

/** A request: its query as the server parsed it, and its body. */
export interface RuleRequest {
  query: ReadonlyMap<string, string>;
  body?: string;
}

/**
 * A request that breaks `rule`, made from a `valid` one by changing only what the rule reads:
 * where the rule has `vary`, it sends what the example's text names, so that the answer is the
 * example exactly. It breaks no earlier rule that `valid` keeps. For the contract kit's probes and
 * the tests; undefined when the rule cannot be broken (a body rule, and `valid` has no JSON body).
 */
export function requestBreaking(rule: PegasusRule, declaredParameterNames: Iterable<string>, valid: RuleRequest): RuleRequest | undefined {
  const declared = new Set(declaredParameterNames);
  const query = new Map(valid.query);
  const varied = variedParameter(rule);
  const named = rule.parameter ?? '';
  switch (rule.check) {
    case 'unknown-parameter': {
      let name = varied.name;
      if (name === undefined || declared.has(name)) {
        name = 'x';
        while (declared.has(name) || query.has(name)) name += 'x';
      }
      query.set(name, varied.value ?? '1');
      return { query, ...(valid.body !== undefined ? { body: valid.body } : {}) };
    }
    case 'missing-parameter':
      query.delete(named);
      break;
    case 'empty-parameter':
      query.set(named, '');
      break;
    case 'not-boolean':
      query.set(named, varied.value ?? 'maybe');
      break;
    case 'not-integer':
      query.set(named, varied.value ?? 'x');
      break;
    case 'odd-list':
      query.set(named, 'x');
      break;
    case 'parameter-count':
      query.clear();
      if (rule.count === 0) query.set('x', '1');
      break;
    case 'undecodable-body':
      return { query, body: '' };
    default: {
      let fields: Record<string, unknown>;
      try {
        fields = JSON.parse(valid.body ?? '') as Record<string, unknown>;
      } catch {
        return undefined;
      }
      if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return undefined;
      const field = rule.field ?? '';
      const changed: Record<string, unknown> = { ...fields, ...rule.when };
      if (rule.check === 'empty-field') changed[field] = '';
      else if (rule.check === 'field-not-in') changed[field] = `${(rule.values ?? []).join('_')}_x`;
      else changed[field] = (rule.minimum ?? 0) - 1;
      return { query, body: JSON.stringify(changed) };
    }
  }
  return { query, ...(valid.body !== undefined ? { body: valid.body } : {}) };
}

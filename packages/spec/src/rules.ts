// The checks each handler of a Pegasus server makes on a request before it serves it
// (`x-pegasus-rules`, openapi/EXTENSIONS.md), and the answer a broken one gets: `brokenRule`
// finds the first rule a request breaks, reading its query as `parsePegasusTarget` does and its
// body as the server's JSON decoder does; `answerBody` writes that rule's answer. The mock's wire
// mode, the contract kit and the test fakes apply them; the lint plugin checks their kinds.
// Pure functions, no Node.js API. The typed client does not need them, so they are not in `./wire.ts`.
import { splitArgs } from './wire.js';

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

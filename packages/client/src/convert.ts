// The one converter behind the decoders: it reads a value as its schema (generated from the
// description, src/generated/schemas.ts) says it is, and turns what the server writes as strings
// into what they mean: an integer or decimal string (`format`) into a number, "true"/"false" into a
// boolean, a time into a Date. Anything that does not read as described throws a PegasusDecodeError
// naming where it is; nothing is ever converted to NaN or to an invalid Date. Keys a schema does not
// name are kept as they are, so that an answer from a newer server still decodes.
import { PegasusDecodeError } from './errors.js';
import type { Schema } from './generated/schemas.js';

export type { Schema } from './generated/schemas.js';

/**
 * How to read the server's timestamps, which carry no time zone: as in the time zone of the
 * machine running this code (`'local'`, the default: right when both share a zone), in UTC, or
 * at a fixed offset from UTC in minutes (480 for UTC+8).
 */
export type ServerTimeZone = 'local' | 'UTC' | number;

export interface ConvertContext {
  /** The schemas a `$ref` names: those of the release that wrote the answer. */
  schemas: Readonly<Partial<Record<string, Schema>>>;
  zone: ServerTimeZone;
}

const INTEGER_FORMATS = new Set(['int32', 'int64', 'uint32', 'uint64']);
const DECIMAL_FORMATS = new Set(['double', 'float']);
// A string schema is a time when its pattern reads the server's `YYYY-MM-DD hh:mm:ss`.
const TIME_PATTERN = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
// Bytes after the time are the schema's to allow (its pattern is checked first): they are not read.
const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?([\s\S]*)$/;
// The JSON types a value is taken as it is: what to call each, and how to tell it.
const JSON_TYPES: Record<'integer' | 'number' | 'boolean' | 'null', [string, (value: unknown) => boolean]> = {
  integer: ['an integer', Number.isSafeInteger],
  number: ['a number', (value) => typeof value === 'number'],
  boolean: ['a boolean', (value) => typeof value === 'boolean'],
  null: ['null', (value) => value === null],
};

export function fail(path: string, expected: string, value: unknown): never {
  const shown = value === undefined ? 'nothing' : JSON.stringify(value);
  throw new PegasusDecodeError(`${path || 'the answer'}: expected ${expected}, got ${shown}`, path, value);
}

export function at(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

// Each pattern compiled once.
const patterns = new Map<string, RegExp>();
function matches(pattern: string, text: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex.test(text);
}

const isBooleanString = (schema: Schema) => schema.enum?.length === 2 && schema.enum.includes('true') && schema.enum.includes('false');
const isTime = (schema: Schema) => schema.pattern?.includes(TIME_PATTERN) === true;

/** What a value of this string schema looks like, for an error message. */
function expectation(schema: Schema): string {
  if (schema.format && INTEGER_FORMATS.has(schema.format)) return 'an integer string such as "8"';
  if (schema.format && DECIMAL_FORMATS.has(schema.format)) return 'a decimal string such as "0.47"';
  if (isBooleanString(schema)) return '"true" or "false"';
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema.pattern && isTime(schema)) return `a time "YYYY-MM-DD hh:mm:ss"${matches(schema.pattern, '-') ? ' or "-"' : ''}`;
  if (schema.pattern) return `a string matching /${schema.pattern}/`;
  return 'a string';
}

/** A decimal integer string (`"8"`) as a number, within the range a JavaScript number holds exactly. */
function integerString(value: string, path: string): number {
  if (!/^-?\d+$/.test(value)) fail(path, 'an integer string such as "8"', value);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) fail(path, 'an integer JavaScript can hold exactly', value);
  return parsed;
}

/**
 * `YYYY-MM-DD hh:mm:ss[.mmm]` in the server's zone, or `-` (null) where the schema allows it. Where
 * the schema allows bytes after it (a buffer read past its end), the milliseconds cannot be told
 * from them: the time is read to the second.
 */
function time(value: string, path: string, zone: ServerTimeZone): Date | null {
  if (value === '-') return null;
  const match = TIME.exec(value);
  if (!match) return fail(path, 'a time "YYYY-MM-DD hh:mm:ss"', value);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = match[7] && !match[8] ? Number(match[7]) : 0;
  // Out-of-range fields would roll over (month 13 into next year): check they read back.
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (
    wall.getUTCFullYear() !== year ||
    wall.getUTCMonth() !== month - 1 ||
    wall.getUTCDate() !== day ||
    wall.getUTCHours() !== hour ||
    wall.getUTCMinutes() !== minute ||
    wall.getUTCSeconds() !== second
  ) {
    fail(path, 'a valid date and time', value);
  }
  if (zone === 'local') return new Date(year, month - 1, day, hour, minute, second, ms);
  return new Date(wall.getTime() - (zone === 'UTC' ? 0 : zone) * 60_000);
}

/** A string as its schema describes it: checked by enum and pattern, then converted by format. */
function convertString(schema: Schema, value: unknown, path: string, zone: ServerTimeZone): unknown {
  if (typeof value !== 'string' || (schema.enum && !schema.enum.includes(value)) || (schema.pattern && !matches(schema.pattern, value))) {
    return fail(path, expectation(schema), value);
  }
  if (schema.format && INTEGER_FORMATS.has(schema.format)) return integerString(value, path);
  if (schema.format && DECIMAL_FORMATS.has(schema.format)) {
    if (!/^-?\d+(\.\d+)?$/.test(value)) fail(path, expectation(schema), value);
    return Number(value);
  }
  if (isBooleanString(schema)) return value === 'true';
  if (isTime(schema)) return time(value, path, zone);
  return value;
}

function resolve(schema: Schema, context: ConvertContext): Schema {
  if (!schema.$ref) return schema;
  const named = context.schemas[schema.$ref];
  if (!named) throw new TypeError(`no schema named ${schema.$ref}`);
  return resolve(named, context);
}

/** An object: each key checked by `propertyNames`, each value converted by its property's schema (or `additionalProperties`). */
function convertObject(schema: Schema, value: unknown, path: string, context: ConvertContext): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(path, 'an object', value);
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // As in JSON, a key whose value is undefined is no key at all.
    if (child === undefined) continue;
    if (schema.propertyNames) convertString(resolve(schema.propertyNames, context), key, at(path, key), context.zone);
    const childSchema = schema.properties?.[key] ?? schema.additionalProperties;
    result[key] = typeof childSchema === 'object' ? convert(childSchema, child, at(path, key), context) : child;
  }
  for (const key of schema.required ?? []) {
    if (!(key in result)) convert(schema.properties?.[key] ?? {}, undefined, at(path, key), context);
  }
  return result;
}

/**
 * `value` read as `schema` describes it, with strings that stand for numbers, booleans and times
 * converted; a PegasusDecodeError at the first value that does not read as described.
 */
export function convert(schema: Schema, value: unknown, path: string, context: ConvertContext): unknown {
  const resolved = resolve(schema, context);
  switch (resolved.type) {
    case 'object':
      return convertObject(resolved, value, path, context);
    case 'array':
      if (!Array.isArray(value)) return fail(path, 'an array', value);
      return value.map((item, index) => (resolved.items ? convert(resolved.items, item, at(path, index), context) : item));
    case 'string':
      return convertString(resolved, value, path, context.zone);
    case undefined:
      // A required key that is missing, with a schema that allows anything.
      return value === undefined ? fail(path, 'a value', value) : value;
    default: {
      const [expected, check] = JSON_TYPES[resolved.type];
      if (!check(value)) return fail(path, expected, value);
      if (resolved.enum && !resolved.enum.includes(value)) return fail(path, `one of ${resolved.enum.join(', ')}`, value);
      return value;
    }
  }
}

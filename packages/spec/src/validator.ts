// A strict JSON Schema 2020-12 validator for the schemas of a bundled document, with the string
// formats the description uses given their meaning.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from './document.js';

/** A problem found by the schema validator, located by a JSON pointer into the value. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

const SCHEMA_BASE = 'https://pegasus-http.invalid/schemas/';
// Keywords that OpenAPI 3.1 and this project add to JSON Schema 2020-12; anything else unknown is a typo.
const EXTRA_KEYWORDS = ['example', 'externalDocs', 'xml', 'discriminator', 'x-pegasus-source', 'x-pegasus-catalogue'];
const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

function rewriteRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_BASE}`)) as T;
}

/** What a problem is, in words: Ajv's message, and the offending name or the allowed values where it leaves them out. */
function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') return `${message}: '${String(params.additionalProperty)}'`;
  if (error.keyword === 'unevaluatedProperties') return `${message}: '${String(params.unevaluatedProperty)}'`;
  if (error.keyword === 'enum') return `${message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') return `${message}: ${JSON.stringify(params.allowedValue)}`;
  return message;
}

function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => ({ pointer: error.instancePath || '/', message: describeError(error) }));
}

export interface SchemaValidatorOptions {
  /**
   * Report every problem (the default), or stop at the first. Collecting all of them costs time
   * and memory that grow faster than the value: on an answer with a million unexpected fields,
   * minutes and gigabytes; a tool that reads what servers send stops at the first.
   */
  allErrors?: boolean;
}

/**
 * Validates values against the schemas of one bundled document (JSON Schema 2020-12, strict).
 * String formats carry their meaning: `int32`, `int64`, `uint32` and `uint64` accept only decimal
 * integers in range, `double` only decimal numbers.
 */
export function createSchemaValidator(document: OpenApiDocument, options: SchemaValidatorOptions = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors: options.allErrors ?? true, strictTypes: false });
  for (const keyword of EXTRA_KEYWORDS) ajv.addKeyword(keyword);
  for (const [name, [min, max]] of Object.entries(INTEGER_RANGES)) {
    ajv.addFormat(name, {
      type: 'string',
      validate: (text: string) => /^-?\d+$/.test(text) && BigInt(text) >= min && BigInt(text) <= max,
    });
  }
  ajv.addFormat('double', { type: 'string', validate: (text: string) => /^-?\d+(\.\d+)?$/.test(text) });
  ajv.addFormat('binary', { type: 'string', validate: () => true });
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    ajv.addSchema({ ...rewriteRefs(schema), $id: `${SCHEMA_BASE}${name}` });
  }
  const compiled = new WeakMap<object, ValidateFunction>();
  return {
    /** Problems of `value` against `schema` (a schema object of this document); empty when valid. */
    validate(schema: unknown, value: unknown): SchemaProblem[] {
      const key = schema as object;
      let check = compiled.get(key);
      if (!check) {
        check = ajv.compile(rewriteRefs(schema as object));
        compiled.set(key, check);
      }
      return check(value) ? [] : toProblems(check.errors);
    },
  };
}

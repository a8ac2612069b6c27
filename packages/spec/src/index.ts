// Reading the published artifacts: where they are, the operations they describe, a validator for
// their schemas, and the writers that reproduce the server's bytes for a described JSON body.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export const ROLES = ['meta-server', 'replica-server'] as const;
export type Role = (typeof ROLES)[number];
export type ArtifactKind = 'openapi.json' | 'openapi.yaml' | 'deref.json';

/** The absolute path of a published artifact, e.g. dist/meta-server.openapi.json. */
export function artifactPath(role: Role, kind: ArtifactKind = 'openapi.json'): string {
  return fileURLToPath(new URL(`../${role}.${kind}`, import.meta.url));
}

/** A loosely typed OpenAPI 3.1 document: enough structure to walk it safely. */
export type JsonObject = { [key: string]: unknown };
export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject & { title: string; version: string };
  paths: Record<string, JsonObject>;
  components?: JsonObject & { schemas?: Record<string, JsonObject> };
}

const documents = new Map<string, OpenApiDocument>();

/** The bundled (or dereferenced) document of a role, parsed once per process. */
export function loadDocument(role: Role, kind: 'openapi.json' | 'deref.json' = 'openapi.json'): OpenApiDocument {
  const path = artifactPath(role, kind);
  let document = documents.get(path);
  if (!document) {
    document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
    documents.set(path, document);
  }
  return document;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export interface OperationEntry {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operationId: string;
  operation: JsonObject & { operationId: string; responses: Record<string, JsonObject> };
}

/** Every operation of a document, in path order. */
export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationEntry['operation'] | undefined;
      if (operation) entries.push({ path, method, operationId: operation.operationId, operation });
    }
  }
  return entries;
}

/** Follows a local `$ref` (`#/components/...`) to its target; other values are returned as they are. */
export function resolveRef<T = JsonObject>(document: OpenApiDocument, value: unknown): T {
  let current = value as JsonObject;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`Cannot resolve ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document) as JsonObject;
    if (current === undefined) throw new Error(`Dangling $ref ${ref}`);
  }
  return current as T;
}

/** `x-pegasus-wire`: the label the server really sends, and how it writes a JSON body. */
export type WireSerializer = 'table_printer' | 'rapidjson_pretty' | 'nlohmann' | 'nlohmann_indent2';
export interface WireInfo {
  'content-type': string;
  serializer?: WireSerializer;
}

/** The real `Content-Type` of a described media type: its `x-pegasus-wire` label, else its own name. */
export function wireContentType(mediaTypeName: string, mediaType: JsonObject): string {
  return (mediaType['x-pegasus-wire'] as WireInfo | undefined)?.['content-type'] ?? mediaTypeName;
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
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
  const members = keys.map((key) => `${pad}${JSON.stringify(key)}${colon}${writeJson((value as JsonObject)[key], indent, sortKeys, depth + 1)}`);
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

/**
 * Validates values against the schemas of one bundled document (JSON Schema 2020-12, strict).
 * String formats carry their meaning: `int32`, `int64`, `uint32` and `uint64` accept only decimal
 * integers in range, `double` only decimal numbers.
 */
export function createSchemaValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
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

// The operation index: what the description says of each operation, built once per role from the
// published artifact, in the form the client generator, the mock, the contract kit and the docs
// use. Nothing here is hand-kept: every field is read from the document.
import { documentedAnswer } from './answers.js';
import { loadDocument, ROLES, type Role } from './artifacts.js';
import { type JsonObject, listOperations, type OpenApiDocument, resolveRef } from './document.js';
import type { Release } from './releases.js';
import type { PegasusRule, RuleAnswer } from './rules.js';
import type { WireInfo, WireSerializer } from './wire.js';

/** How a body is read and written: JSON, text, or bytes. */
export type BodyKind = 'json' | 'text' | 'binary';

/** One media type of a response or request body. */
export interface IndexedMedia {
  /** The media type as described (`application/json`, `text/plain`, `application/octet-stream`). */
  mediaType: string;
  kind: BodyKind;
  /** The `Content-Type` the server really sends (`x-pegasus-wire`), else the media type itself. */
  wireLabel: string;
  /** For JSON bodies, the server's writer. */
  serializer?: WireSerializer;
  schema: unknown;
  /** The named examples, resolved: name → value. */
  examples: Record<string, unknown>;
}

export interface IndexedResponse {
  /** `200`, `307`, … or `default`. */
  status: string;
  media: IndexedMedia[];
  /** The documented headers (the `Location` of a 307), with their schema and example. */
  headers: Record<string, { schema: unknown; example?: unknown }>;
}

export interface IndexedParameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  example?: unknown;
  style?: string;
  explode?: boolean;
}

export type Safety = 'mutating' | 'profiling';

/** One of the checks the handler makes on a request (`x-pegasus-rules`), its answer resolved. */
export interface IndexedRule extends PegasusRule {
  /** The documented answer: its status, example name, media type and the example's value. */
  answer: RuleAnswer & { media: IndexedMedia; value: unknown };
}

export interface IndexedOperation {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  tag: string;
  /** The first release that serves it (`x-pegasus-since`). */
  since: string;
  /** `x-pegasus-safety`: the call changes state or runs a profiler. */
  safety?: Safety;
  /** The roles whose description has this operation. */
  roles: Role[];
  parameters: IndexedParameter[];
  request?: IndexedMedia;
  /** Per documented status (and `default`). */
  responses: Record<string, IndexedResponse>;
  /** `x-pegasus-post`: the documented answer a POST gets from this GET call. */
  post?: { status: number; example: string };
  /**
   * `x-pegasus-rules`: the checks the handler makes on a request before it serves it, in its
   * order (the first that fails gives the answer); empty when it checks nothing. Apply them with
   * `brokenRule` and `answerBody` (`@pegasus-http/spec/rules`).
   */
  rules: IndexedRule[];
  /** A standby MetaServer redirects it: it documents a 307. */
  redirects: boolean;
  /** A read that may be sent again after a network failure: a GET without a safety mark. */
  retryable: boolean;
  /** The operation object itself, for what the index does not cover. */
  operation: JsonObject;
}

export interface OperationIndex {
  role: Role;
  release: Release;
  document: OpenApiDocument;
  operations: IndexedOperation[];
  /** The operation with this id; throws when there is none. */
  byId(operationId: string): IndexedOperation;
  /** The operations served under a URL path, whatever their method. */
  atPath(path: string): IndexedOperation[];
  /** The operation of a method and path, if described. */
  find(method: string, path: string): IndexedOperation | undefined;
}

function bodyKind(mediaType: string): BodyKind {
  if (mediaType === 'application/json') return 'json';
  return mediaType.startsWith('text/') ? 'text' : 'binary';
}

function indexMedia(document: OpenApiDocument, mediaType: string, media: JsonObject): IndexedMedia {
  const wire = media['x-pegasus-wire'] as WireInfo | undefined;
  const examples = Object.fromEntries(
    Object.entries((media.examples ?? {}) as Record<string, unknown>).map(([name, example]) => [
      name,
      resolveRef<JsonObject>(document, example).value,
    ]),
  );
  return {
    mediaType,
    kind: bodyKind(mediaType),
    wireLabel: wire?.['content-type'] ?? mediaType,
    ...(wire?.serializer ? { serializer: wire.serializer } : {}),
    schema: media.schema,
    examples,
  };
}

function indexContent(document: OpenApiDocument, content: unknown): IndexedMedia[] {
  return Object.entries((content ?? {}) as Record<string, JsonObject>).map(([mediaType, media]) => indexMedia(document, mediaType, media));
}

function indexResponse(document: OpenApiDocument, status: string, reference: unknown): IndexedResponse {
  const response = resolveRef<JsonObject>(document, reference);
  const headers = Object.fromEntries(
    Object.entries((response.headers ?? {}) as Record<string, unknown>).map(([name, reference]) => {
      const header = resolveRef<JsonObject>(document, reference);
      return [name, { schema: header.schema, ...(header.example !== undefined ? { example: header.example } : {}) }];
    }),
  );
  return { status, media: indexContent(document, response.content), headers };
}

function indexParameter(document: OpenApiDocument, reference: unknown): IndexedParameter {
  const p = resolveRef<JsonObject>(document, reference);
  return {
    name: String(p.name),
    in: String(p.in),
    required: p.required === true,
    schema: p.schema,
    ...(p.example !== undefined ? { example: p.example } : {}),
    ...(typeof p.style === 'string' ? { style: p.style } : {}),
    ...(typeof p.explode === 'boolean' ? { explode: p.explode } : {}),
  };
}

function indexOperation(
  document: OpenApiDocument,
  method: string,
  path: string,
  operation: JsonObject & { responses: Record<string, unknown> },
  roles: Role[],
): IndexedOperation {
  const safety = operation['x-pegasus-safety'] as Safety | undefined;
  const post = operation['x-pegasus-post'] as IndexedOperation['post'];
  const request = operation.requestBody
    ? indexContent(document, resolveRef<JsonObject>(document, operation.requestBody).content)[0]
    : undefined;
  const upper = method.toUpperCase() as IndexedOperation['method'];
  const indexed: IndexedOperation = {
    operationId: String(operation.operationId),
    method: upper,
    path,
    tag: String((operation.tags as string[] | undefined)?.[0] ?? ''),
    since: String(operation['x-pegasus-since'] ?? ''),
    ...(safety ? { safety } : {}),
    roles,
    parameters: ((operation.parameters ?? []) as unknown[]).map((p) => indexParameter(document, p)),
    ...(request ? { request } : {}),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, reference]) => [status, indexResponse(document, status, reference)]),
    ),
    ...(post ? { post } : {}),
    rules: [],
    redirects: '307' in operation.responses,
    retryable: upper === 'GET' && !safety,
    operation,
  };
  indexed.rules = ((operation['x-pegasus-rules'] ?? []) as PegasusRule[]).map((rule) => {
    const answer = documentedAnswer(indexed, rule.answer.status, rule.answer.example);
    if (!answer)
      throw new Error(
        `${indexed.operationId}: x-pegasus-rules names ${rule.answer.status} ${rule.answer.example}, which the operation does not document`,
      );
    return { ...rule, answer: { ...rule.answer, media: answer.media, value: answer.value } };
  });
  return indexed;
}

/** Builds the index of a document; `rolesOf` tells which roles describe an operationId. */
export function buildOperationIndex(
  role: Role,
  document: OpenApiDocument,
  rolesOf: (operationId: string) => Role[] = () => [role],
  release: Release = 'master',
): OperationIndex {
  const operations = listOperations(document).map(({ method, path, operation }) =>
    indexOperation(document, method, path, operation, rolesOf(operation.operationId)),
  );
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  return {
    role,
    release,
    document,
    operations,
    byId(operationId) {
      const found = byId.get(operationId);
      if (!found) throw new Error(`the ${role} description has no operation ${operationId}`);
      return found;
    },
    atPath: (path) => operations.filter((o) => o.path === path),
    find: (method, path) => operations.find((o) => o.method === method.toUpperCase() && o.path === path),
  };
}

const indexes = new Map<string, OperationIndex>();

/** The operation index of a role's published artifact in a release (master by default), built once per process. */
export function operationIndex(role: Role, release: Release = 'master'): OperationIndex {
  let index = indexes.get(`${release} ${role}`);
  if (!index) {
    const document = (r: Role) => loadDocument(r, 'openapi.json', release);
    const ids = new Map(ROLES.map((r) => [r, new Set(listOperations(document(r)).map((o) => o.operationId))]));
    index = buildOperationIndex(role, document(role), (id) => ROLES.filter((r) => ids.get(r)?.has(id)), release);
    indexes.set(`${release} ${role}`, index);
  }
  return index;
}

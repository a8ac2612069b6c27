// Walking a bundled OpenAPI document: its operations, local `$ref`s and JSON pointers.

/** A loosely typed OpenAPI 3.1 document: enough structure to walk it safely. */
export type JsonObject = { [key: string]: unknown };
export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject & { title: string; version: string };
  paths: Record<string, JsonObject>;
  components?: JsonObject & { schemas?: Record<string, JsonObject> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationEntry {
  path: string;
  method: HttpMethod;
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

/** The keys of a JSON pointer (`/paths/~1config/get` → ['paths', '/config', 'get']). */
export function pointerKeys(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The JSON pointer of a list of keys (['paths', '/config', 'get'] → `/paths/~1config/get`). */
export function pointerOf(keys: readonly (string | number)[]): string {
  return keys.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The value a JSON pointer (with or without a leading `#`) points at in `value`, or undefined. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const key of pointerKeys(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows a local `$ref` (`#/components/...`) to its target; other values are returned as they are. */
export function resolveRef<T = JsonObject>(document: OpenApiDocument, value: unknown): T {
  let current = value as JsonObject;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`Cannot resolve ${ref}`);
    seen.add(ref);
    current = valueAtPointer(document, ref) as JsonObject;
    if (current === undefined) throw new Error(`Dangling $ref ${ref}`);
  }
  return current as T;
}

// Walks the published artifacts to list every documented (status, media type, example) of every
// operation, and builds a request that the mock accepts for it.
import { listOperations, loadDocument, resolveRef, type JsonObject, type OpenApiDocument, type Role } from '@pegasus-http/spec';

export interface DocumentedAnswer {
  role: Role;
  operationId: string;
  method: string;
  path: string;
  status: number;
  mediaType: string;
  example: string;
  value: unknown;
  /** The documented response headers, with their examples. */
  headers: Record<string, string>;
  serializer?: 'table_printer' | 'rapidjson_pretty' | 'nlohmann' | 'nlohmann_indent2';
}

export function documentedAnswers(role: Role): DocumentedAnswer[] {
  const document = loadDocument(role);
  const answers: DocumentedAnswer[] = [];
  for (const { operationId, method, path, operation } of listOperations(document)) {
    for (const [status, reference] of Object.entries(operation.responses)) {
      if (status === 'default') continue;
      const response = resolveRef<JsonObject>(document, reference);
      const headers = Object.fromEntries(
        Object.entries((response.headers ?? {}) as Record<string, unknown>).map(([name, header]) => [name, String(resolveRef<JsonObject>(document, header).example)]),
      );
      for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, JsonObject>)) {
        for (const [example, ref] of Object.entries((media.examples ?? {}) as Record<string, unknown>)) {
          const serializer = (media['x-pegasus-wire'] as { serializer?: DocumentedAnswer['serializer'] } | undefined)?.serializer;
          answers.push({ role, operationId, method: method.toUpperCase(), path, status: Number(status), mediaType, example, value: resolveRef<JsonObject>(document, ref).value, headers, ...(serializer ? { serializer } : {}) });
        }
      }
    }
  }
  return answers;
}

/** A request the description calls valid: every parameter set to its example, the first request-body example. */
export function exampleRequest(document: OpenApiDocument, method: string, path: string): { query: string; body?: string; contentType?: string } {
  const operation = (document.paths[path] as JsonObject)[method.toLowerCase()] as JsonObject;
  const query = new URLSearchParams();
  for (const reference of (operation.parameters ?? []) as unknown[]) {
    const parameter = resolveRef<JsonObject>(document, reference);
    if (parameter.in !== 'query' || parameter.example === undefined) continue;
    const example = parameter.example;
    if (Array.isArray(example)) query.set(String(parameter.name), example.join(','));
    else if (example && typeof example === 'object') for (const [k, v] of Object.entries(example)) query.set(k, String(v));
    else query.set(String(parameter.name), String(example));
  }
  const result: { query: string; body?: string; contentType?: string } = { query: query.toString() };
  if (operation.requestBody) {
    const [contentType, media] = Object.entries(resolveRef<JsonObject>(document, operation.requestBody).content as Record<string, JsonObject>)[0]!;
    const first = Object.values(media.examples as Record<string, unknown>)[0];
    const value = resolveRef<JsonObject>(document, first).value;
    result.contentType = contentType;
    result.body = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return result;
}

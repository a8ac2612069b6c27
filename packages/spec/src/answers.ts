// Every documented answer of a role, and a request the description calls valid for an operation:
// the walks the tests of every package (and the mock's wire mode) share.
import type { IndexedMedia, IndexedOperation, IndexedResponse, OperationIndex } from './operations.js';

export interface DocumentedAnswer {
  operation: IndexedOperation;
  status: number;
  media: IndexedMedia;
  /** The example's name, and its value. */
  example: string;
  value: unknown;
  /** The documented response headers, with their examples. */
  headers: Record<string, string>;
}

function headerExamples(response: IndexedResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, String(header.example)]));
}

/** Each (status, media type, named example) of every operation, `default` left out. */
export function documentedAnswers(index: OperationIndex): DocumentedAnswer[] {
  return index.operations.flatMap((operation) =>
    Object.values(operation.responses)
      .filter((response) => response.status !== 'default')
      .flatMap((response) =>
        response.media.flatMap((media) =>
          Object.entries(media.examples).map(([example, value]) => ({
            operation,
            status: Number(response.status),
            media,
            example,
            value,
            headers: headerExamples(response),
          })),
        ),
      ),
  );
}

/** The answer of an operation for a status and example name, if documented. */
export function documentedAnswer(
  operation: IndexedOperation,
  status: number,
  example: string,
): { media: IndexedMedia; value: unknown } | undefined {
  for (const media of operation.responses[String(status)]?.media ?? []) {
    if (example in media.examples) return { media, value: media.examples[example] };
  }
  return undefined;
}

export interface ExampleRequest {
  /** Each query parameter that has an example, by name (an object for a `form`-exploded one). */
  query: Record<string, unknown>;
  /** The first example of the request body, when there is one. */
  body?: unknown;
}

/** A request the description calls valid: every parameter set to its example, the first request-body example. */
export function exampleRequest(operation: IndexedOperation): ExampleRequest {
  const query = Object.fromEntries(
    operation.parameters.filter((p) => p.in === 'query' && p.example !== undefined).map((p) => [p.name, p.example]),
  );
  const body = operation.request ? Object.values(operation.request.examples)[0] : undefined;
  return { query, ...(body !== undefined ? { body } : {}) };
}

// The documented answers of a role in a release, as the spec package lists them, and the request
// that asks a mock for one: the operation's example request, with the answer's status and example
// preferred.
import {
  type DocumentedAnswer,
  documentedAnswers,
  exampleRequest,
  type IndexedMedia,
  type IndexedOperation,
  operationIndex,
  parsePegasusTarget,
  type Release,
  type Role,
  writeWireJson,
} from '@pegasus-http/spec';

export type { DocumentedAnswer };

export function answersOf(role: Role, release: Release = 'master'): DocumentedAnswer[] {
  return documentedAnswers(operationIndex(role, release));
}

/** A documented value as a text body: a string as it is, anything else as JSON. */
export function plainText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The text a Pegasus server sends for a documented value: JSON through the media's writer, text as it is. */
export function wireText(media: IndexedMedia, value: unknown): string {
  return media.serializer ? writeWireJson(value, media.serializer) : plainText(value);
}

/** What a mock serves for a call when the request prefers nothing: the first example of the first media of its first success status. */
export function firstAnswer(operation: IndexedOperation): { status: number; media: IndexedMedia; value: unknown } {
  const response = Object.values(operation.responses).find((candidate) => /^2/.test(candidate.status));
  const media = response?.media[0];
  if (!response || !media) throw new Error(`${operation.operationId} documents no success answer`);
  return { status: Number(response.status), media, value: Object.values(media.examples)[0] };
}

/** The name a test of an answer goes by. */
export function answerName(answer: DocumentedAnswer): string {
  return `${answer.operation.operationId} ${answer.status} ${answer.media.mediaType} ${answer.example}`;
}

/** The query of the operation's example request: a list joined with commas, a form-exploded object as parameters of its own. */
function exampleQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, example] of Object.entries(query)) {
    if (Array.isArray(example)) search.set(name, example.join(','));
    else if (example && typeof example === 'object') for (const [key, value] of Object.entries(example)) search.set(key, String(value));
    else search.set(name, String(example));
  }
  return search.toString();
}

/** The operation's example request as a URL path and query, and its body with the body's media type. */
export function exampleTarget(operation: IndexedOperation): { target: string; body?: string; contentType?: string } {
  const { query, body } = exampleRequest(operation);
  const search = exampleQuery(query);
  const target = `${operation.path}${search ? `?${search}` : ''}`;
  if (body === undefined || !operation.request) return { target };
  return { target, body: typeof body === 'string' ? body : JSON.stringify(body), contentType: operation.request.mediaType };
}

/** The operation's example request as the server reads it: its query parsed as the release parses it, its body as text. */
export function exampleCall(operation: IndexedOperation, release: Release): { query: Map<string, string>; body?: string } {
  const { target, body } = exampleTarget(operation);
  const parsed = parsePegasusTarget(target, release);
  if (!parsed.ok) throw new Error(`${operation.operationId}: ${parsed.error}`);
  return { query: parsed.query, ...(body !== undefined ? { body } : {}) };
}

/** A request target whose query the server decodes to `query`: each name and value percent-encoded, an empty value as `name=`. */
export function targetOf(path: string, query: ReadonlyMap<string, string>): string {
  const pairs = [...query].map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return `${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

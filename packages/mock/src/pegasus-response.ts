// How a Pegasus server writes an answer: status, `Content-Type: text/plain`, `Content-Length`, a
// `Location` on a 307, and nothing else; a JSON body byte for byte as its writer writes it.
import type { ServerResponse } from 'node:http';
import { type IndexedMedia, writeWireJson } from '@pegasus-http/spec';

/** Writes a response the way a Pegasus server does: no Date, no Connection, no Keep-Alive. */
export function writePegasusResponse(response: ServerResponse, status: number, body: string, location?: string): void {
  const bytes = Buffer.from(body, 'utf8');
  response.sendDate = false;
  response.removeHeader('Connection');
  response.removeHeader('Keep-Alive');
  const headers: Record<string, string | number> = { 'Content-Type': 'text/plain', 'Content-Length': bytes.length };
  if (location !== undefined) headers.Location = location;
  response.writeHead(status, headers);
  response.end(bytes);
}

/** The text a Pegasus server sends for a value of a described media: a JSON value through the server's writer. */
export function wireBody(media: IndexedMedia | undefined, value: unknown): string {
  if (media?.serializer) return writeWireJson(value, media.serializer);
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}

/** A documented answer (`documentedAnswer` of the spec package), written as the server writes it. */
export function writeDocumentedAnswer(response: ServerResponse, status: number, answer: { media: IndexedMedia; value: unknown }): void {
  writePegasusResponse(response, status, wireBody(answer.media, answer.value));
}

/** A Prism problem (a title, a status, a detail) as a text answer. */
export function writeProblem(response: ServerResponse, problem: { status?: number; title: string; detail?: string }): void {
  writePegasusResponse(response, problem.status ?? 500, problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
}

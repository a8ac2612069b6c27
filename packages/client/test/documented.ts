// The documented answers as a server sends them and as the client gives them back, for the tests
// that ask for every documented answer (answers.test.ts of the mocks, releases.test.ts of a stub).
import type { DocumentedAnswer } from '@pegasus-http/spec';

/** What the client gives back for a documented example: JSON as it is, text as text (the CPU profile as a binary string). */
export function expectedResult(answer: DocumentedAnswer): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.value;
  // openapi-fetch reads an error body as text, then as JSON when it parses; an empty body is undefined.
  if (answer.value === '') return undefined;
  if (typeof answer.value !== 'string') return answer.value;
  try {
    return JSON.parse(answer.value);
  } catch {
    return answer.value;
  }
}

/** The answer as a Pegasus server sends it: its bytes, labelled as the server labels them, with Content-Length and the documented headers. */
export function documentedResponse(answer: DocumentedAnswer): Response {
  const { kind, wireLabel } = answer.media;
  const text = kind === 'json' ? JSON.stringify(answer.value) : String(answer.value);
  const bytes = Buffer.from(text, kind === 'binary' ? 'latin1' : 'utf8');
  return new Response(bytes, {
    status: answer.status,
    headers: { ...answer.headers, 'Content-Type': wireLabel, 'Content-Length': String(bytes.length) },
  });
}

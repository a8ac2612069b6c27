// A body read as JSON, once. Several steps read the same answer (discovery, the facts, the
// checks), and a server may send one large answer to every call (a proxy's error page, a hostile
// server): the last large body parsed is kept, by its digest, and an identical one is not parsed
// again. One entry only, so memory stays bounded; small bodies are simply parsed.
import { createHash } from 'node:crypto';

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Bodies up to this size are parsed each time they are asked for. */
const SMALL_BODY_BYTES = 64 * 1024;

let lastLarge: { digest: string; parsed: ParsedBody } | undefined;

function parse(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The body as JSON (`text` is the body as UTF-8, when the caller has it already). Callers must not change the value. */
export function parseBodyJson(body: Buffer, text?: string): ParsedBody {
  if (body.length <= SMALL_BODY_BYTES) return parse(text ?? body.toString('utf8'));
  const digest = createHash('sha256').update(body).digest('hex');
  if (lastLarge?.digest !== digest) lastLarge = { digest, parsed: parse(text ?? body.toString('utf8')) };
  return lastLarge.parsed;
}

// How a Pegasus server reads a request target, rewritten from its behaviour
// (src/http/http_server.cpp:168-262, src/http/uri_decoder.cpp:56-84, src/utils/strings.cpp:168-326):
// the path and the whole query are percent-decoded before they are split, path segments are
// trimmed and empty ones dropped, and a query name given twice with `=` fails the request.

export type PegasusTarget =
  | { ok: true; path: string; query: Map<string, string> }
  | { ok: false; error: string };

const LEADING_SPACE = new Set([' ', '\t']);
const TRAILING_SPACE = new Set([' ', '\t', '\r', '\n']);

/** Splits on a separator, trims each token as the server does, and drops empty tokens. */
export function splitArgs(input: string, separator: string): string[] {
  const end = input.indexOf('\0');
  const text = end === -1 ? input : input.slice(0, end);
  const tokens: string[] = [];
  for (const raw of text.split(separator)) {
    let from = 0;
    let to = raw.length;
    while (from < to && LEADING_SPACE.has(raw[from]!)) from++;
    while (to > from && TRAILING_SPACE.has(raw[to - 1]!)) to--;
    if (to > from) tokens.push(raw.slice(from, to));
  }
  return tokens;
}

const HEX = /^[0-9a-fA-F]$/;

/**
 * Percent-decodes like the server: a `%` needs two characters after it (else "partial escape"),
 * and a non-hex pair is reported with everything from it to the end of the text. The server's
 * path buffer carries a trailing NUL, so `/a%4` is a hex error there, not a partial escape.
 */
export function decodeUri(encoded: string): { ok: true; value: string } | { ok: false; error: string } {
  const bytes: number[] = [];
  const input = Buffer.from(encoded, 'latin1');
  for (let i = 0; i < input.length; i++) {
    if (input[i] === 0x25 /* % */) {
      if (i + 2 >= input.length) return { ok: false, error: 'ERR_INVALID_PARAMETERS: Encountered partial escape sequence at end of string' };
      const pair = String.fromCharCode(input[i + 1]!, input[i + 2]!);
      if (!HEX.test(pair[0]!) || !HEX.test(pair[1]!)) {
        let rest = input.subarray(i + 1).toString('latin1');
        const nul = rest.indexOf('\0');
        if (nul !== -1) rest = rest.slice(0, nul);
        return { ok: false, error: `ERR_INVALID_PARAMETERS: The characters ${rest} do not form a hex value. Please escape it or pass a valid hex value` };
      }
      bytes.push(parseInt(pair, 16));
      i += 2;
    } else {
      bytes.push(input[i]!);
    }
  }
  return { ok: true, value: Buffer.from(bytes).toString('utf8') };
}

/** Reads a request target (`/path?query#fragment`, or an absolute URL) as a Pegasus server does. */
export function parsePegasusTarget(target: string): PegasusTarget {
  let rest = target;
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const question = rest.indexOf('?');
  const rawPath = question === -1 ? rest : rest.slice(0, question);
  const rawQuery = question === -1 ? '' : rest.slice(question + 1);

  const path = decodeUri(`${rawPath}\0`);
  if (!path.ok) return path;
  const query = new Map<string, string>();
  if (rawQuery !== '') {
    const decoded = decodeUri(rawQuery);
    if (!decoded.ok) return decoded;
    for (const item of splitArgs(decoded.value, '&')) {
      const sep = item.indexOf('=');
      if (sep === -1) {
        if (!query.has(item)) query.set(item, '');
        continue;
      }
      const name = item.slice(0, sep);
      if (query.has(name)) return { ok: false, error: `ERR_INVALID_PARAMETERS: duplicate parameter: ${name}` };
      query.set(name, item.slice(sep + 1));
    }
  }
  return { ok: true, path: splitArgs(path.value, '/').join('/'), query };
}

/** The framework's 400 body for a target that cannot be parsed. */
export function requestParseErrorBody(error: string): string {
  return `failed to parse request: ${error}`;
}

/** The framework's 404 body for a path no call is registered under (`path` is normalised, no leading `/`). */
export function serviceNotFoundBody(path: string): string {
  return `service not found for "${path}"`;
}

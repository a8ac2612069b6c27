// One HTTP exchange with a Pegasus server, where every way it can go wrong is an answer to report,
// never an exception: refused or reset connections, timeouts, a body cut short or too large.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { parseBodyJson } from './body-json.js';

export interface Exchange {
  method: 'GET' | 'POST';
  /** The server's base URL, `http://host:port`. */
  server: string;
  /** The request target as sent: path and query, already encoded. */
  target: string;
  body?: string;
  headers?: Record<string, string>;
}

export type Answer =
  | { ok: true; status: number; headers: Record<string, string>; body: Buffer; durationMs: number }
  | { ok: false; fault: Fault; message: string; durationMs: number };

/**
 * How an exchange failed: the server refused, could not be reached, did not answer in time, closed
 * the connection, cut its body short or sent one over the limit; or the kit did not send the
 * request at all: the server stopped answering (`down`), or was not named on the command line.
 */
export type Fault = 'refused' | 'timeout' | 'closed' | 'truncated' | 'too-large' | 'unreachable' | 'down' | 'not-named';

export interface HttpOptions {
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
  /** Bodies larger than this are not read to the end. */
  maxBodyBytes: number;
}

/** An answer before its duration is known. */
type Outcome = { ok: true; status: number; headers: Record<string, string>; body: Buffer } | { ok: false; fault: Fault; message: string };

/** What a failed request means, in the kit's words. */
function faultOf(error: NodeJS.ErrnoException, url: URL): Extract<Outcome, { ok: false }> {
  const fault = (kind: Fault, message: string) => ({ ok: false as const, fault: kind, message });
  if (error.code === 'ECONNREFUSED') return fault('refused', `connection refused by ${url.host}`);
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket hang up/.test(error.message))
    return fault('closed', 'the server closed the connection without a complete answer');
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') {
    return fault('unreachable', `${url.hostname} cannot be reached (${error.code})`);
  }
  return fault('closed', `${error.code ?? 'error'}: ${error.message}`);
}

function headersOf(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function tooLarge(maxBodyBytes: number): Outcome {
  return { ok: false, fault: 'too-large', message: `the body exceeds ${maxBodyBytes} bytes (--max-body-mb)` };
}

/**
 * Collects a body's bytes up to `max`: into one buffer of the announced length when there is one
 * (no second copy at the end), else into chunks joined once.
 */
function bodyCollector(announced: number, max: number) {
  const buffer = Number.isInteger(announced) && announced >= 0 ? Buffer.allocUnsafe(announced) : undefined;
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    /** False once the body is over `max` (or over its announced length). */
    add(chunk: Buffer): boolean {
      if (size + chunk.length > (buffer ? Math.min(buffer.length, max) : max)) {
        chunks = [];
        return false;
      }
      if (buffer) chunk.copy(buffer, size);
      else chunks.push(chunk);
      size += chunk.length;
      return true;
    },
    body: (): Buffer => (buffer ? buffer.subarray(0, size) : Buffer.concat(chunks, size)),
  };
}

/**
 * Reads a response to its end; a body over `maxBodyBytes` is reported as soon as it is known to be
 * (by its Content-Length, or once that many bytes came), and not kept.
 */
function readResponse(response: IncomingMessage, maxBodyBytes: number, done: (outcome: Outcome) => void): void {
  const announced = response.headers['content-length'] === undefined ? Number.NaN : Number(response.headers['content-length']);
  if (announced > maxBodyBytes) {
    done(tooLarge(maxBodyBytes));
    return;
  }
  const collected = bodyCollector(announced, maxBodyBytes);
  const cut = () => done({ ok: false, fault: 'truncated', message: 'the body was cut short' });
  response.on('data', (chunk: Buffer) => {
    if (!collected.add(chunk)) done(tooLarge(maxBodyBytes));
  });
  response.on('aborted', cut);
  response.on('error', cut);
  response.on('end', () => {
    if (!response.complete) return cut();
    done({ ok: true, status: response.statusCode ?? 0, headers: headersOf(response), body: collected.body() });
  });
}

/** Sends the request; `done` is called once, with the first outcome (the answer, a fault or the time limit). */
function attempt(request: Exchange, options: HttpOptions, done: (outcome: Outcome) => void): void {
  let url: URL;
  try {
    url = new URL(request.server);
  } catch {
    done({ ok: false, fault: 'unreachable', message: `not a URL: ${request.server}` });
    return;
  }
  let settled = false;
  const settle = (outcome: Outcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    done(outcome);
  };
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const headers = { ...(body ? { 'Content-Length': String(body.length) } : {}), ...request.headers };
  const req = httpRequest({
    host: url.hostname,
    port: url.port || 80,
    method: request.method,
    path: request.target,
    headers,
    agent: false,
  });
  const timer = setTimeout(() => {
    settle({ ok: false, fault: 'timeout', message: `no complete answer within ${options.timeoutMs} ms` });
    req.destroy();
  }, options.timeoutMs);
  req.on('error', (error: NodeJS.ErrnoException) => settle(faultOf(error, url)));
  req.on('response', (response) =>
    readResponse(response, options.maxBodyBytes, (outcome) => {
      settle(outcome);
      if (!outcome.ok) req.destroy();
    }),
  );
  req.end(body);
}

/** The body of a 200 as JSON, or undefined. */
export function jsonOf<T>(answer: Answer): T | undefined {
  if (!answer.ok || answer.status !== 200) return undefined;
  const parsed = parseBodyJson(answer.body);
  return parsed.ok ? (parsed.value as T) : undefined;
}

/** True when the server sent an answer, even a broken one: a status line at least. */
export function hasAnswered(answer: Answer): boolean {
  return answer.ok || answer.fault === 'truncated' || answer.fault === 'too-large';
}

/** True when a request sent got nothing back at all: refused, unreachable, or no answer in time. */
export function isSilent(answer: Answer): boolean {
  return !answer.ok && (answer.fault === 'refused' || answer.fault === 'unreachable' || answer.fault === 'timeout');
}

/**
 * Sends one request and reads the whole answer. Uses node:http rather than fetch so that nothing
 * is done behind the caller's back: no redirect followed, no header added but Host and
 * Content-Length, and the body's bytes as sent.
 */
export function exchange(request: Exchange, options: HttpOptions): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) =>
    attempt(request, options, (outcome) => resolve({ ...outcome, durationMs: Math.round(performance.now() - started) })),
  );
}

// One HTTP exchange with a Pegasus server, where every way it can go wrong is an answer to report,
// never an exception: refused or reset connections, timeouts, a body cut short or too large.
import { request as httpRequest } from 'node:http';

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

export type Fault = 'refused' | 'timeout' | 'closed' | 'truncated' | 'too-large' | 'unreachable';

export interface HttpOptions {
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
  /** Bodies larger than this are not read to the end. */
  maxBodyBytes: number;
}

/**
 * Sends one request and reads the whole answer. Uses node:http rather than fetch so that nothing
 * is done behind the caller's back: no redirect followed, no header added but Host and
 * Content-Length, and the body's bytes as sent.
 */
export function exchange(request: Exchange, options: HttpOptions): Promise<Answer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const fail = (fault: Fault, message: string) => settle({ ok: false, fault, message, durationMs: elapsed() });

    let url: URL;
    try {
      url = new URL(request.server);
    } catch {
      fail('unreachable', `not a URL: ${request.server}`);
      return;
    }
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const req = httpRequest({
      host: url.hostname,
      port: url.port || 80,
      method: request.method,
      path: request.target,
      headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...request.headers },
      agent: false,
    });
    const timer = setTimeout(() => {
      fail('timeout', `no complete answer within ${options.timeoutMs} ms`);
      req.destroy();
    }, options.timeoutMs);

    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') fail('refused', `connection refused by ${url.host}`);
      else if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket hang up/.test(error.message)) fail('closed', 'the server closed the connection without a complete answer');
      else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') fail('unreachable', `${url.hostname} cannot be reached (${error.code})`);
      else fail('closed', `${error.code ?? 'error'}: ${error.message}`);
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBodyBytes) {
          fail('too-large', `the body exceeds ${options.maxBodyBytes} bytes`);
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('aborted', () => fail('truncated', 'the body was cut short'));
      response.on('error', () => fail('truncated', 'the body was cut short'));
      response.on('end', () => {
        if (!response.complete) return fail('truncated', 'the body was cut short');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        settle({ ok: true, status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks), durationMs: elapsed() });
      });
    });
    req.end(body);
  });
}

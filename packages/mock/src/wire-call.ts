// A request as a Pegasus server reads it once the framework has parsed its target and found the
// call it makes: the operation, the path and the parameters as decoded, and the body.
import type { IncomingMessage } from 'node:http';
import type { IndexedOperation } from '@pegasus-http/spec';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface WireCall {
  request: IncomingMessage;
  /** The described operation the request reaches (GET and POST reach the same handler). */
  operation: IndexedOperation;
  /** The normalised path, without its leading `/`. */
  path: string;
  /** Every parameter as the server decoded it, in the request's order: what a 307's `Location` carries. */
  query: ReadonlyMap<string, string>;
  /** The parameters the handler sees: `query` without the mock's own preference parameters (`__code` …). */
  handlerQuery: ReadonlyMap<string, string>;
  /** The request body, empty when there is none. */
  body: Buffer;
}

/** Reads a request body to its end; more than 10 MiB fails the request. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

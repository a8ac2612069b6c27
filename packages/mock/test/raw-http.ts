// Raw bytes on a connection to a mock, for what fetch cannot show: the exact bytes of an answer,
// or a connection closed without one. Every connection is closed after the test.
import { connect, type Socket } from 'node:net';
import { afterEach } from 'vitest';

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** Connects to the server of `url` and writes raw bytes on the connection, which is closed after the test. */
function rawConnection(url: string, request: string | Buffer): { socket: Socket; written: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  // A connection reset is followed by 'close', which is what the tests wait for.
  socket.on('error', () => {});
  const written = new Promise<void>((resolve) => socket.write(request, () => resolve()));
  return { socket, written };
}

/** Sends raw bytes and resolves with everything the server sends until it closes the connection. */
export async function untilClosed(url: string, request: string | Buffer): Promise<string> {
  const { socket } = rawConnection(url, request);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => socket.on('close', resolve));
  return Buffer.concat(chunks).toString('latin1');
}

/** Sends raw bytes and resolves with the first whole response: its head and the Content-Length bytes after it. */
export function firstResponse(url: string, request: string | Buffer): Promise<string> {
  const { socket } = rawConnection(url, request);
  let received = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
      if (end !== -1 && length && received.length >= end + 4 + Number(length[1])) resolve(text);
    });
    socket.on('close', () => reject(new Error(`closed after ${JSON.stringify(received.toString('latin1'))}`)));
  });
}

/** Sends raw bytes and resolves once they are written, leaving the connection open. */
export const sendOnly = (url: string, request: string) => rawConnection(url, request).written;

/** A request as raw HTTP/1.1 bytes, with its body's length. */
export function rawRequest(method: string, target: string, body = ''): string {
  return `${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

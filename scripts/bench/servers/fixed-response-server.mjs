// The baseline server of the benchmarks: a plain node:http server that answers every request with
// one fixed response, and nothing else. Given a response file (JSON: status, statusMessage,
// headers as [name, value] pairs in the order sent, body in base64), it sends those bytes: the same
// status line, the same headers in the same order and case, the same body. A Date header is sent
// fresh, as any Node server sends it; Connection and Keep-Alive are sent only if the recorded
// answer had them. Without a file it answers `ok`: the smallest Node HTTP server there is.
// Usage: node fixed-response-server.mjs [response.json] [--port 0]; prints "listening on <url>".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
const file = args.find((arg, index) => !arg.startsWith('--') && (portIndex < 0 || index !== portIndex + 1));

let respond;
if (file) {
  const recorded = JSON.parse(readFileSync(file, 'utf8'));
  const has = (name) => recorded.headers.some(([header]) => header.toLowerCase() === name);
  const sendDate = has('date');
  const keepConnectionHeaders = has('connection');
  const headers = recorded.headers.filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name.toLowerCase())).flat();
  const body = Buffer.from(recorded.body, 'base64');
  respond = (request, response) => {
    response.sendDate = sendDate;
    if (!keepConnectionHeaders) {
      response.removeHeader('Connection');
      response.removeHeader('Keep-Alive');
    }
    response.writeHead(recorded.status, recorded.statusMessage, headers);
    response.end(body);
  };
} else {
  respond = (request, response) => response.end('ok');
}

const server = createServer((request, response) => {
  // Read (and drop) any request body before answering, as a server of the API must.
  request.resume();
  respond(request, response);
});
server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)) && server.closeAllConnections());

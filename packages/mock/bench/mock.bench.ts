// How fast the mocks answer `GET /version` of the MetaServer, ten requests at a time on ten
// keep-alive connections (as a load generator with ten connections would), in the default and the
// wire mode. Each is set against a plain node:http server that answers with the very bytes the mock
// sent (status, headers, body), measured in the same run: the difference is what the mock costs,
// Prism and the wire layer. One benchmark iteration is the ten requests; the collector
// (scripts/bench.mjs) counts them from the name.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, bench, describe } from 'vitest';
import { type Mocks, startMocks } from '../src/index.js';

interface Answer {
  status: number;
  statusMessage: string;
  /** The headers as they came: names, values, order. */
  rawHeaders: string[];
  body: Buffer;
}

const AT_A_TIME = 10;
const OPTIONS = { time: 0, iterations: 300, warmupIterations: 30 };
// Ten connections per server, kept alive between requests.
const agent = new Agent({ keepAlive: true, maxSockets: AT_A_TIME });
const batch = async (url: string) => void (await Promise.all(Array.from({ length: AT_A_TIME }, () => get(url))));

/** One GET on the kept-alive connection, read to the end. */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          statusMessage: response.statusMessage ?? '',
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A plain node:http server answering every request with `answer`, adding nothing (no Date or Connection of its own). */
async function replayServer(answer: Answer): Promise<Server> {
  const server = createServer((_request, response) => {
    response.sendDate = false;
    response.removeHeader('Connection');
    response.writeHead(answer.status, answer.statusMessage, answer.rawHeaders);
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The answer as bytes on the wire would compare, but for the Date's value, which the replay server sends frozen. */
const shape = ({ status, statusMessage, rawHeaders, body }: Answer) =>
  JSON.stringify([
    status,
    statusMessage,
    rawHeaders.map((value, i) => (rawHeaders[i - 1]?.toLowerCase() === 'date' ? 'DATE' : value)),
    body.toString('latin1'),
  ]);

/** The mocks of a mode, and a plain server that answers `GET /version` as their MetaServer mock does. */
async function setUp(wire: boolean): Promise<{ mocks: Mocks; plain: Server; mockUrl: string; plainUrl: string }> {
  const mocks = await startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire });
  const mockUrl = `${mocks.meta.url}/version`;
  const answer = await get(mockUrl);
  const plain = await replayServer(answer);
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/version`;
  if (shape(await get(plainUrl)) !== shape(answer)) throw new Error(`the plain server does not send the mock's bytes for GET ${mockUrl}`);
  return { mocks, plain, mockUrl, plainUrl };
}

const modes = { default: await setUp(false), wire: await setUp(true) };
afterAll(async () => {
  agent.destroy();
  for (const { mocks, plain } of Object.values(modes)) {
    plain.closeAllConnections();
    await Promise.all([mocks.close(), new Promise((resolve) => plain.close(resolve))]);
  }
});

for (const [mode, { mockUrl, plainUrl }] of Object.entries(modes)) {
  describe(`mock GET /version, ${mode} mode`, () => {
    bench(`baseline: plain node:http, same bytes, ${AT_A_TIME} at a time`, () => batch(plainUrl), OPTIONS);
    bench(`MetaServer mock${mode === 'wire' ? ' --wire' : ''}, ${AT_A_TIME} at a time`, () => batch(mockUrl), OPTIONS);
  });
}

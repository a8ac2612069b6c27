// What a call through the client costs: `GET /version` on loopback, against a plain node:http
// server that answers with the real MetaServer's bytes, through `createMetaServerClient` and
// through openapi-fetch alone (same query serializer, no transport, no time limit), in the same
// run. The difference is the client's own work: the per-call layer, the transport and the time limit.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterAll, bench, describe } from 'vitest';
import type { MetaServerPaths } from '../src/index.js';
import { createMetaServerClient } from '../src/index.js';

// The real MetaServer's answer to GET /version (master), label included.
const BODY = '{"Version":"2.6.0-SNAPSHOT","GitCommit":"db756dcdf24e2af6169659a67548501ed61f106c"}\n';
const OPTIONS = { time: 0, iterations: 3000, warmupIterations: 300 };
const QUERY_SERIALIZER = { array: { style: 'form', explode: false }, object: { style: 'form', explode: true } } as const;

const server = createServer((_request, response) =>
  response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(BODY) }).end(BODY),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const alone = createClient<MetaServerPaths>({ baseUrl, querySerializer: QUERY_SERIALIZER });
const client = createMetaServerClient({ baseUrl });

/** One call, checked: a benchmark of calls that fail would measure nothing. */
async function version(call: () => Promise<{ data?: { Version?: string } }>): Promise<void> {
  const { data } = await call();
  if (data?.Version !== '2.6.0-SNAPSHOT') throw new Error(`unexpected answer: ${JSON.stringify(data)}`);
}

// Both paths warmed up together before either is measured: whichever ran first would otherwise pay
// for compiling the fetch code both share.
for (let i = 0; i < 2000; i++) {
  await version(() => alone.GET('/version'));
  await version(() => client.GET('/version'));
}

describe('client call, GET /version on loopback', () => {
  bench('baseline: openapi-fetch alone', () => version(() => alone.GET('/version')), OPTIONS);
  bench('@pegasus-http/client', () => version(() => client.GET('/version')), OPTIONS);
});

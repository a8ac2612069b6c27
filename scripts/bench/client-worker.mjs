// The client benchmark's own process: the same request, `GET /version`, sent one call after the
// other with the typed client and with a bare fetch (and the layers between them), in alternate
// batches. Prints one JSON line.
// Usage: node client-worker.mjs --url <base URL> [--rounds 30] [--batch 200] [--warmup 2000]
//        node client-worker.mjs --url <base URL> --only client|raw --calls 20000   (to profile one side)
//        node client-worker.mjs --url <base URL> --probe   (one call of each, to compare what they send)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMetaServerClient } from '@pegasus-http/client';

// The openapi-fetch the client is built on, found from the client's folder, in its ESM form (the
// one the client imports).
const openapiFetchFolder = dirname(createRequire(import.meta.resolve('@pegasus-http/client')).resolve('openapi-fetch/package.json'));
const { default: createOpenapiFetchClient } = await import(pathToFileURL(join(openapiFetchFolder, 'dist', 'index.mjs')).href);

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rounds: { type: 'string', default: '30' },
    batch: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '2000' },
    only: { type: 'string' },
    calls: { type: 'string', default: '20000' },
    probe: { type: 'boolean', default: false },
  },
});
const baseUrl = values.url;
const target = `${baseUrl}/version`;
const client = createMetaServerClient({ baseUrl });

/** The bare request: what a caller writes without the client. */
async function rawCall() {
  const response = await fetch(target);
  if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
  return response.json();
}

async function clientCall() {
  const { data, error, response } = await client.GET('/version');
  if (!response.ok || error !== undefined) throw new Error(`client: ${response.status} ${error}`);
  return data;
}

// Two layers between them, to show what each costs: the bare fetch with the client's default time
// limit (an AbortSignal.timeout of 10 s), and openapi-fetch alone, untyped, with nothing of ours.
const openapiFetch = createOpenapiFetchClient({ baseUrl });

async function signalCall() {
  const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`fetch with a time limit: ${response.status}`);
  return response.json();
}

async function openapiFetchCall() {
  const { data, error, response } = await openapiFetch.GET('/version');
  if (!response.ok || error !== undefined) throw new Error(`openapi-fetch: ${response.status} ${error}`);
  return data;
}

const calls = { raw: rawCall, client: clientCall, signal: signalCall, openapiFetch: openapiFetchCall };

/** Mean time of one call, in µs, over `count` sequential calls. */
async function batch(call, count) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await call();
  return ((performance.now() - started) * 1000) / count;
}

// Both must read the same answer.
const [rawData, clientData] = [await rawCall(), await clientCall()];
if (JSON.stringify(rawData) !== JSON.stringify(clientData)) throw new Error(`the client read ${JSON.stringify(clientData)}, fetch ${JSON.stringify(rawData)}`);

if (values.probe) {
  // Both calls above were the probe: the caller compares the requests they sent.
  console.log(JSON.stringify({ probe: true }));
} else if (values.only) {
  const call = calls[values.only];
  await batch(call, Number(values.warmup));
  const perCall = await batch(call, Number(values.calls));
  console.log(JSON.stringify({ only: values.only, calls: Number(values.calls), perCallUs: perCall }));
} else {
  const rounds = Number(values.rounds);
  const size = Number(values.batch);
  // Warm up each (JIT, connection pool), then take them in turn, each round in the reverse order
  // of the one before.
  const names = Object.keys(calls);
  for (const name of names) await batch(calls[name], Number(values.warmup));
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) results[name].push(await batch(calls[name], size));
  }
  console.log(JSON.stringify({ rounds, batch: size, ...results }));
}

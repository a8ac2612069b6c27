// The client benchmark's own process: the same request, `GET /version`, sent one call after the
// other with the typed client and with a bare fetch (and the layers between them), one call of
// each in turn. Prints one JSON line.
// Usage: node client-worker.mjs --url <base URL> [--cycles 5000] [--warmup 2000]
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
    cycles: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '2000' },
    only: { type: 'string' },
    calls: { type: 'string', default: '20000' },
    probe: { type: 'boolean', default: false },
  },
});
const baseUrl = values.url;
const target = `${baseUrl}/version`;
const client = createMetaServerClient({ baseUrl });
const clientWithoutLimit = createMetaServerClient({ baseUrl, timeoutMs: 0 });

/** The bare request: what a caller writes without the client. */
async function rawCall() {
  const response = await fetch(target);
  if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
  return response.json();
}

/** A call of `GET /version` through a client of openapi-fetch's kind (ours or openapi-fetch alone), named in its errors. */
function typedCall(name, typed) {
  return async () => {
    const { data, error, response } = await typed.GET('/version');
    if (!response.ok || error !== undefined) throw new Error(`${name}: ${response.status} ${error}`);
    return data;
  };
}

const clientCall = typedCall('client', client);
/** The client without its default time limit (`timeoutMs: 0`), like the bare fetch. */
const clientWithoutLimitCall = typedCall('client without a time limit', clientWithoutLimit);

// The layers between them, to show what each costs: the bare fetch with a time limit as long as
// the client's default (AbortSignal.timeout, the way a caller adds one), and openapi-fetch alone,
// untyped, with nothing of ours.
const openapiFetch = createOpenapiFetchClient({ baseUrl });

async function signalCall() {
  const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`fetch with a time limit: ${response.status}`);
  return response.json();
}

const openapiFetchCall = typedCall('openapi-fetch', openapiFetch);

const calls = { raw: rawCall, client: clientCall, clientWithoutLimit: clientWithoutLimitCall, signal: signalCall, openapiFetch: openapiFetchCall };

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
  // Warm up each (JIT, connection pool), then one call of each in turn, in the reverse order each
  // cycle, so that whatever else the machine does falls on all of them alike; each call timed.
  const cycles = Number(values.cycles);
  const names = Object.keys(calls);
  for (const name of names) await batch(calls[name], Number(values.warmup));
  const times = Object.fromEntries(names.map((name) => [name, new Float64Array(cycles)]));
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const name of cycle % 2 === 0 ? names : [...names].reverse()) {
      const started = performance.now();
      await calls[name]();
      times[name][cycle] = (performance.now() - started) * 1000;
    }
  }
  // Per side: the median and the quartiles of the time per call, in µs.
  const summary = (values) => {
    const sorted = Float64Array.from(values).sort();
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
  };
  console.log(JSON.stringify({ cycles, ...Object.fromEntries(names.map((name) => [name, summary(times[name])])) }));
}

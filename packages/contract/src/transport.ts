// How a run talks to the servers: each exchange, only with the hosts the run may contact
// (hosts.ts); which servers answered at all (a run where none did could not check anything); which
// stopped answering (no answer to two requests in a row: their remaining calls are not sent, so a
// hung server costs two time limits, not one per call); and the following of 307s, hop by hop,
// only to servers the run may contact.
import { nextRedirect, type RedirectStep } from '@pegasus-http/spec/wire';
import { clip, type Finding } from './findings.js';
import { destinationOf, type Hosts, mayContact, notNamed } from './hosts.js';
import { type Answer, type Exchange, exchange, type HttpOptions, hasAnswered, isSilent } from './http.js';

/** The context of a run's requests, passed explicitly to each step that sends. */
export interface Transport {
  http: HttpOptions;
  hosts: Hosts;
  /** The servers that answered something, whatever it was. */
  answered: Set<string>;
  /** Per server, how many requests in a row got no answer at all. */
  silent: Map<string, number>;
  /** The servers that stopped answering, and why: nothing more is sent to them. */
  down: Map<string, string>;
}

/** A 307 chain longer than this is reported as a loop. */
export const MAX_REDIRECTS = 5;
/** A server that gives no answer to this many requests in a row is not sent any more. */
export const MAX_SILENT = 2;

export function createTransport(http: HttpOptions, hosts: Hosts): Transport {
  return { http, hosts, answered: new Set(), silent: new Map(), down: new Map() };
}

/** The answer of a request the run does not send, and why. */
function notSent(transport: Transport, server: string): Answer | undefined {
  if (!mayContact(transport.hosts, server))
    return { ok: false, fault: 'not-named', message: `not sent to ${notNamed(server)}`, durationMs: 0 };
  const down = transport.down.get(server);
  return down === undefined ? undefined : { ok: false, fault: 'down', message: `not sent: ${down}`, durationMs: 0 };
}

/** Notes whether the server answered; the second silence in a row marks it down. */
function noteAnswer(transport: Transport, server: string, answer: Answer): void {
  if (hasAnswered(answer)) transport.answered.add(server);
  if (!isSilent(answer)) {
    transport.silent.delete(server);
    return;
  }
  const count = (transport.silent.get(server) ?? 0) + 1;
  transport.silent.set(server, count);
  if (count >= MAX_SILENT && !answer.ok)
    transport.down.set(server, `${server} gave no answer to ${count} requests in a row (the last: ${answer.fault})`);
}

/** Sends one request, unless the server may not be contacted or stopped answering. */
export async function send(transport: Transport, request: Exchange): Promise<Answer> {
  const skipped = notSent(transport, request.server);
  if (skipped) return skipped;
  const answer = await exchange(request, transport.http);
  noteAnswer(transport, request.server, answer);
  return answer;
}

/** True when `location` is an absolute http:// URL: Pegasus sends nothing else, and the kit speaks plain HTTP only. */
export function isHttpUrl(location: string | undefined): location is string {
  try {
    return new URL(location ?? '').protocol === 'http:';
  } catch {
    return false;
  }
}

/** The URL of a request, as a redirect chain records it. */
export function urlOf(server: string, target: string): string {
  try {
    return new URL(`${server}${target}`).href;
  } catch {
    return `${server}${target}`;
  }
}

function nextHop(chain: string[], location: string | undefined): RedirectStep {
  if (!isHttpUrl(location)) return { ok: false, reason: 'no-location', chain };
  return nextRedirect(chain, location, MAX_REDIRECTS);
}

/** A chain of URLs, each cut, its middle left out when long. */
function chainText(chain: string[]): string {
  const shown = chain.length > 4 ? [...chain.slice(0, 2), '…', ...chain.slice(-2)] : chain;
  return shown.map((url) => clip(url)).join(' -> ');
}

function stopFinding(step: Extract<RedirectStep, { ok: false }>, location: string | undefined): Finding {
  if (step.reason === 'no-location') return { kind: 'drift', message: 'a 307 without a usable Location', actual: clip(location || 'none') };
  if (step.reason === 'loop') return { kind: 'error', message: `redirect loop: ${chainText(step.chain)}` };
  return { kind: 'error', message: `more than ${MAX_REDIRECTS} redirects: ${chainText(step.chain)}` };
}

/** A hop that led nowhere: to a server that gave no answer, or was not sent the request. */
function nowhere(url: URL, answer: Extract<Answer, { ok: false }>): Finding {
  return { kind: 'error', message: `the 307 leads to ${clip(url.href)}, which gave no answer: ${answer.fault}: ${answer.message}` };
}

/**
 * Follows the 307s from a first answer, resending the method and body (not the probe's headers),
 * only to servers the run may contact: the last answer, or the finding that stopped the chain (no
 * usable Location, a loop, too many hops, a host not named, a server that gave no answer).
 */
export async function follow(
  transport: Transport,
  first: Answer,
  request: { url: string; method: 'GET' | 'POST'; body?: string },
): Promise<{ answer: Answer; stop?: Finding }> {
  const chain = [request.url];
  let answer = first;
  while (answer.ok && answer.status === 307) {
    const location = answer.headers.location;
    const step = nextHop(chain, location);
    if (!step.ok) return { answer, stop: stopFinding(step, location) };
    const url = new URL(step.url);
    const server = destinationOf(transport.hosts, url);
    if (server === undefined) return { answer, stop: { kind: 'error', message: `the 307 leads to ${notNamed(url.href, 'not followed')}` } };
    chain.push(step.url);
    const body = request.body !== undefined ? { body: request.body } : {};
    answer = await send(transport, { server, method: request.method, target: `${url.pathname}${url.search}`, ...body });
    if (!answer.ok && !hasAnswered(answer)) return { answer, stop: nowhere(url, answer) };
  }
  return { answer };
}

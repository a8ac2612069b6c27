// How a run talks to the servers: each exchange, noting which servers answered at all (a run where
// none did could not check anything), and the following of 307s.
import { nextRedirect, type RedirectStep } from '@pegasus-http/spec/wire';
import type { Finding } from './check.js';
import { type Answer, type Exchange, exchange, type HttpOptions, hasAnswered } from './http.js';

/** The context of a run's requests, passed explicitly to each step that sends. */
export interface Transport {
  http: HttpOptions;
  /** The servers that answered something, whatever it was. */
  answered: Set<string>;
}

/** A 307 chain longer than this is reported as a loop. */
export const MAX_REDIRECTS = 5;

export function createTransport(http: HttpOptions): Transport {
  return { http, answered: new Set() };
}

/** Sends one request; notes that the server answered when it sent anything at all. */
export async function send(transport: Transport, request: Exchange): Promise<Answer> {
  const answer = await exchange(request, transport.http);
  if (hasAnswered(answer)) transport.answered.add(request.server);
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

function stopFinding(step: Extract<RedirectStep, { ok: false }>, location: string | undefined): Finding {
  if (step.reason === 'no-location') return { kind: 'drift', message: 'a 307 without a usable Location', actual: location || 'none' };
  return { kind: 'error', message: `redirect loop: ${step.chain.join(' -> ')}` };
}

/**
 * Follows the 307s from a first answer, resending the method and body (not the probe's headers):
 * the last answer, or the finding that stopped the chain (no usable Location, a loop, too many hops).
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
    chain.push(step.url);
    const url = new URL(step.url);
    answer = await send(transport, {
      server: url.origin,
      method: request.method,
      target: `${url.pathname}${url.search}`,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
  }
  return { answer };
}

// How a probe of the catalogue becomes a planned call: its request as sent (method, target with
// its query encoded as Pegasus reads it, body, the Prefer header a mock of the contract honours),
// the documented answers it accepts, or why it is not sent.
import { exampleRequest, type IndexedOperation } from '@pegasus-http/spec';
import type { RedirectExpectation } from './check.js';
import type { ExpectedAnswer } from './contracts.js';
import type { DiscoveredServer } from './discover.js';
import type { ProbeKind, ProbeSpec } from './probes.js';

/** One call of the contract. */
export interface PlannedCall {
  step: 'call';
  operation: IndexedOperation;
  label: string;
  method: 'GET' | 'POST';
  /** Path and query, encoded. */
  target: string;
  body?: string;
  headers: Record<string, string>;
  /** The documented answers the server may give, any one of them; without it, any answer the call documents. */
  expect?: ExpectedAnswer[];
  /** On a standby: the 307 it must answer, pointing at the primary; the primary's answer is then checked. */
  redirect?: RedirectExpectation;
  /** On a standby: the answer it gives itself (a check it makes first, or its empty state's answer); a 307 is not followed. */
  standbyAnswers?: true;
  /** Set when the probe is not sent, and why. */
  skip?: string;
}

/** What the run may do beyond reading. */
export type Allowed = Record<ProbeKind, boolean>;

/** Percent-encodes a query value, leaving the commas that separate Pegasus list items readable. */
function encode(text: string): string {
  return encodeURIComponent(text).replaceAll('%2C', ',');
}

/** A query string: `detail` with an empty value is sent bare (`?detail`), as the server's help shows it. */
function encodeQuery(query: Record<string, string> | undefined, raw: string | undefined): string {
  if (raw !== undefined) return `?${raw}`;
  const entries = Object.entries(query ?? {});
  if (entries.length === 0) return '';
  return `?${entries.map(([name, value]) => (value === '' && name === 'detail' ? name : `${encode(name)}=${encode(value)}`)).join('&')}`;
}

/** The query of the contract's example request of a call: each parameter's example. */
function exampleQuery(operation: IndexedOperation): Record<string, string> {
  const entries = Object.entries(exampleRequest(operation).query).filter(([, value]) => typeof value !== 'object');
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

/**
 * An error probe names the answer it expects in a Prefer header: Pegasus ignores the header, and a
 * Prism mock of the contract honours it. Prism serves a status's first media type unless Accept
 * asks for another.
 */
function preferHeaders(operation: IndexedOperation, expect: ExpectedAnswer): Record<string, string> {
  const first = operation.responses[String(expect.status)]?.media[0];
  return {
    Prefer: `code=${expect.status}, example=${expect.example}`,
    ...(first !== expect.media ? { Accept: expect.media.mediaType } : {}),
  };
}

function skipReason(probe: ProbeSpec, allowed: Allowed): string | undefined {
  if (probe.skip) return probe.skip;
  if (allowed[probe.kind]) return undefined;
  return probe.kind === 'mutation' ? 'changes state: pass --allow-mutations' : 'costly profiling: pass --allow-profiling';
}

/** The request of a probe, as sent to the server it is planned for. */
export function requestOf(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed): Omit<PlannedCall, 'headers'> {
  const skip = skipReason(probe, allowed);
  const query = probe.fromExample ? exampleQuery(operation) : probe.query;
  return {
    step: 'call',
    operation,
    label: probe.label,
    method: probe.method ?? operation.method,
    target: `${operation.path}${encodeQuery(query, probe.rawQuery)}`,
    ...(probe.body !== undefined ? { body: probe.body } : {}),
    ...(skip ? { skip } : {}),
  };
}

/** A call answered by the server itself, accepting any of the answers given (any documented one when none is). */
export function answeredCall(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed, expect: ExpectedAnswer[]): PlannedCall {
  return {
    ...requestOf(operation, probe, allowed),
    headers: expect[0] ? preferHeaders(operation, expect[0]) : {},
    ...(expect.length > 0 ? { expect } : {}),
  };
}

/** A call planned but not sent, and why. */
export function skippedCall(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed, reason: string): PlannedCall {
  return { ...requestOf(operation, probe, allowed), headers: {}, skip: reason };
}

/** Why a probe cannot run in a release: the answer it names is not documented there. */
export function undocumented(server: DiscoveredServer, named: { status: number; example: string }): string {
  return `the ${server.release} contract documents no ${named.status} "${named.example}" answer for this call`;
}

// Step 2, plan: what the kit sends to each server and what it expects back. The probe catalogue
// is resolved against the operation index: each probe gets its request (method, target, body,
// headers), the documented answer it expects next to the example it names, or why it is skipped.
// On a standby, the calls it redirects are planned as redirects to the primary.
import { documentedAnswer, type IndexedMedia, type IndexedOperation, parsePegasusTarget, serviceNotFoundBody } from '@pegasus-http/spec';
import type { ListingExpectation, RedirectExpectation } from './check.js';
import { NOT_BUILT, roleContract } from './contracts.js';
import type { DiscoveredServer, Discovery, Primary } from './discover.js';
import { catalogueOf, type ProbeKind, type ProbeSpec } from './probes.js';

/** The documented answer a probe expects: its status, the example it names, and that example's media type. */
export interface ExpectedAnswer {
  status: number;
  example: string;
  media: IndexedMedia;
}

/** `GET /`, already answered during discovery: it must list exactly the calls of the role. */
export interface PlannedListing {
  step: 'listing';
  operation: IndexedOperation;
  label: string;
  expect: ListingExpectation;
}

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
  expect?: ExpectedAnswer;
  /** On a standby: the 307 it must answer, pointing at the primary; the primary's answer is then checked. */
  redirect?: RedirectExpectation;
  /** Set when the probe is not sent, and why. */
  skip?: string;
}

/** A path no call is registered under: the framework's 404. */
export interface PlannedUnknownPath {
  step: 'unknown-path';
  label: string;
  target: string;
  expect: { contentType: string; body: string };
}

export type PlannedProbe = PlannedListing | PlannedCall | PlannedUnknownPath;

export interface ServerPlan {
  server: DiscoveredServer;
  probes: PlannedProbe[];
  notes: string[];
}

/** What the run may do beyond reading. */
export type Allowed = Record<ProbeKind, boolean>;

// Empty segments on purpose: the framework drops them, and its 404 names the normalised path.
const UNKNOWN_PATH = '//pegasus_contract///no_such_call/';
// The framework's own 404 is labelled like everything else the server sends.
const FRAMEWORK_LABEL = 'text/plain';

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

/** The documented answer a probe names; a name the contract lacks is a fault of the catalogue. */
function expectedAnswer(operation: IndexedOperation, expect: { status: number; example: string }): ExpectedAnswer {
  const answer = documentedAnswer(operation, expect.status, expect.example);
  if (!answer) throw new Error(`${operation.operationId} documents no ${expect.status} example ${expect.example}`);
  return { ...expect, media: answer.media };
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
function requestOf(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed): Omit<PlannedCall, 'headers'> {
  const skip = skipReason(probe, allowed);
  return {
    step: 'call',
    operation,
    label: probe.label,
    method: probe.method ?? operation.method,
    target: `${operation.path}${encodeQuery(probe.query, probe.rawQuery)}`,
    ...(probe.body !== undefined ? { body: probe.body } : {}),
    ...(skip ? { skip } : {}),
  };
}

/** A call answered by the server itself, checked against the answer the probe expects, if any. */
function directCall(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed): PlannedCall {
  const expect = probe.expect ? expectedAnswer(operation, probe.expect) : undefined;
  return {
    ...requestOf(operation, probe, allowed),
    headers: expect ? preferHeaders(operation, expect) : {},
    ...(expect ? { expect } : {}),
  };
}

/** A call a standby redirects, sent as is: the 307 is checked, then the primary's answer. */
function redirectedCall(operation: IndexedOperation, probe: ProbeSpec, allowed: Allowed, primary: Primary | undefined): PlannedCall {
  const call = requestOf(operation, probe, allowed);
  // The primary is known by the URL it was reached at and by the address it gives itself.
  const hosts = primary ? [new URL(primary.url).host, ...(primary.hostPort ? [primary.hostPort] : [])] : [];
  return { ...call, label: call.skip ? call.label : `${call.label}, redirected`, headers: {}, redirect: { hosts, path: operation.path } };
}

/** The planned call of a catalogue probe on a server, or undefined when it is not for that server. */
function planCall(server: DiscoveredServer, probe: ProbeSpec, allowed: Allowed, primary: Primary | undefined): PlannedCall | undefined {
  const contract = roleContract(server.role);
  const operation = contract.index.byId(probe.operationId);
  if (!server.gperftools && contract.gperftoolsPaths.includes(operation.path)) {
    // Built without gperftools: the call must be the documented 404, whatever its kind.
    return directCall(operation, { ...probe, kind: 'read', label: 'absent without gperftools', expect: NOT_BUILT }, allowed);
  }
  if (server.serverRole !== 'standby') return directCall(operation, probe, allowed);
  if (operation.redirects) return redirectedCall(operation, probe, allowed, primary);
  // A standby serves the MetaServer's own calls only by redirecting them.
  return operation.path.startsWith('/meta/') ? undefined : directCall(operation, probe, allowed);
}

function planListing(server: DiscoveredServer): PlannedListing {
  const { listing, paths, gperftoolsPaths, help } = roleContract(server.role);
  const described = paths.filter((path) => server.gperftools || !gperftoolsPaths.includes(path));
  return { step: 'listing', operation: listing, label: 'the root listing', expect: { described, help } };
}

function planUnknownPath(): PlannedUnknownPath {
  const parsed = parsePegasusTarget(UNKNOWN_PATH);
  const path = parsed.ok ? parsed.path : UNKNOWN_PATH;
  return {
    step: 'unknown-path',
    label: "the framework's 404",
    target: UNKNOWN_PATH,
    expect: { contentType: FRAMEWORK_LABEL, body: serviceNotFoundBody(path) },
  };
}

/** The probes of one server: its listing, then (when it answered) every call, then an unknown path. */
export function planServer(server: DiscoveredServer, discovery: Discovery, allowed: Allowed): ServerPlan {
  const listing = planListing(server);
  if (!server.reached)
    return { server, probes: [listing], notes: [`${server.url} could not be reached; its other calls were not probed.`] };
  const notes = server.gperftools
    ? []
    : [`${server.url} lists no /pprof/* call: it was built without gperftools; its /pprof/* calls are checked for the documented 404.`];
  const calls = catalogueOf(server.role, discovery.facts).flatMap((probe) => planCall(server, probe, allowed, discovery.primary) ?? []);
  return { server, probes: [listing, ...calls, planUnknownPath()], notes };
}

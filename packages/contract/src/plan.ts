// Step 2, plan: what the kit sends to each server and what it expects back, in the contract of the
// server's release. The probe catalogue is resolved against that release's operation index: each
// probe gets its request (method, target, body, headers), the documented answers it accepts, or
// why it is skipped. On a MetaServer not established as the primary, each call is planned as its
// release's standby treats it (standby.ts).
import { type IndexedOperation, parsePegasusTarget, serviceNotFoundBody } from '@pegasus-http/spec';
import { type Allowed, answeredCall, type PlannedCall, skippedCall, undocumented } from './calls.js';
import type { ListingExpectation } from './check.js';
import { answerOf, NOT_BUILT, operationOf, roleContract } from './contracts.js';
import type { DiscoveredServer, Discovery, Primary } from './discover.js';
import { catalogueOf, type ProbeSpec } from './probes.js';
import { offPrimaryCall } from './standby.js';

export type { Allowed, PlannedCall } from './calls.js';
export type { ExpectedAnswer } from './contracts.js';

/** `GET /`, already answered during discovery: it must list exactly the calls of the role in its release. */
export interface PlannedListing {
  step: 'listing';
  operation: IndexedOperation;
  label: string;
  expect: ListingExpectation;
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

// Empty segments on purpose: the framework drops them, and its 404 names the normalised path.
const UNKNOWN_PATH = '//pegasus_contract///no_such_call/';
// The framework's own 404 is labelled like everything else the server sends.
const FRAMEWORK_LABEL = 'text/plain';

/** The planned call of a catalogue probe on a server, or undefined when the server's release does not serve the call. */
function planCall(server: DiscoveredServer, spec: ProbeSpec, allowed: Allowed, primary: Primary | undefined): PlannedCall | undefined {
  const contract = roleContract(server.role, server.release);
  const operation = operationOf(contract, spec.operationId);
  if (!operation) return undefined;
  // Built without gperftools: the call must be the documented 404, whatever its kind.
  const absent = !server.gperftools && contract.gperftoolsPaths.includes(operation.path);
  const probe: ProbeSpec = absent ? { ...spec, kind: 'read', label: 'absent without gperftools', expect: NOT_BUILT } : spec;
  const own = probe.expect && [probe.expect, ...(probe.aliases ?? [])].map((named) => answerOf(operation, named)).find(Boolean);
  if (probe.expect && !own) return skippedCall(operation, probe, allowed, undocumented(server, probe.expect));
  if (server.serverRole === 'standby' || server.serverRole === 'unknown')
    return offPrimaryCall({ server, operation, probe, allowed, own, primary });
  return answeredCall(operation, probe, allowed, own ? [own] : []);
}

function planListing(server: DiscoveredServer): PlannedListing {
  const { listing, paths, gperftoolsPaths, help, release } = roleContract(server.role, server.release);
  const described = paths.filter((path) => server.gperftools || !gperftoolsPaths.includes(path));
  return { step: 'listing', operation: listing, label: 'the root listing', expect: { described, help, release } };
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

/** A server whose release could not be read: its listing, and `/version` once more, the fault to report. */
function planUnreached(server: DiscoveredServer, listing: PlannedListing, allowed: Allowed): ServerPlan {
  const version = roleContract(server.role).index.find('GET', '/version');
  const read = version && answeredCall(version, { operationId: version.operationId, kind: 'read', label: 'read' }, allowed, []);
  const notes = [`${server.url} could not be reached (${server.unreached}); its other calls were not probed.`];
  return { server, probes: read ? [listing, read] : [listing], notes };
}

/** The probes of one server: its listing, then (when it answered) every call of its release, then an unknown path. */
export function planServer(server: DiscoveredServer, discovery: Discovery, allowed: Allowed): ServerPlan {
  const listing = planListing(server);
  if (server.unreached) return planUnreached(server, listing, allowed);
  const notes = server.gperftools
    ? []
    : [`${server.url} lists no /pprof/* call: it was built without gperftools; its /pprof/* calls are checked for the documented 404.`];
  const calls = catalogueOf(server.role, discovery.facts).flatMap((probe) => planCall(server, probe, allowed, discovery.primary) ?? []);
  return { server, probes: [listing, ...calls, planUnknownPath()], notes };
}

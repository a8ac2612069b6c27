// The calls on a MetaServer that is not the established primary, planned as a standby of its
// release treats each (`x-pegasus-standby`, read in contracts.ts): a call it redirects must be
// the 307 to the primary; a call it answers itself must be that documented answer; a call it
// crashes on is never sent; any other call it serves like any server. On a MetaServer the kit
// could not tell either way, an answer a primary or a standby may give is accepted.
import type { IndexedOperation } from '@pegasus-http/spec';
import { type Allowed, answeredCall, type PlannedCall, requestOf, skippedCall, undocumented } from './calls.js';
import { answerOf, type ExpectedAnswer, standbyBehaviour } from './contracts.js';
import type { DiscoveredServer, Primary } from './discover.js';
import type { ProbeSpec } from './probes.js';

/** A probe to plan on a standby (or a MetaServer that may be one), with the answer it names when it names one. */
export interface OffPrimaryProbe {
  server: DiscoveredServer;
  operation: IndexedOperation;
  probe: ProbeSpec;
  allowed: Allowed;
  own?: ExpectedAnswer | undefined;
  primary?: Primary | undefined;
}

/** A call a standby redirects, sent as is: the 307 is checked, then the primary's answer, in the primary's release. */
function redirectedCall({ operation, probe, allowed, primary }: OffPrimaryProbe): PlannedCall {
  const call = requestOf(operation, probe, allowed);
  // The primary is known by the URL it was reached at and by the address it gives itself.
  const hosts = primary ? [new URL(primary.url).host, ...(primary.hostPort ? [primary.hostPort] : [])] : [];
  const redirect = { hosts, path: operation.path, ...(primary ? { release: primary.release } : {}) };
  return { ...call, label: call.skip ? call.label : `${call.label}, redirected`, headers: {}, redirect };
}

/**
 * A call the standby answers itself, from its empty state. A probe that names its own answer
 * accepts that one too: a standby checks a request's parameters before its state, as the primary
 * does. On a MetaServer that may be the primary, a read accepts any documented answer.
 */
function standbyAnswered(planned: OffPrimaryProbe, named: { status: number; example: string }): PlannedCall {
  const { server, operation, probe, allowed, own } = planned;
  const standby = answerOf(operation, named);
  if (!standby) return skippedCall(operation, probe, allowed, undocumented(server, named));
  const expect = own ? [own, standby] : server.serverRole === 'standby' ? [standby] : [];
  return answeredCall(operation, probe, allowed, expect);
}

function crashReason(server: DiscoveredServer): string {
  const crashes = `a ${server.release} standby crashes on this call`;
  return server.serverRole === 'standby' ? crashes : `not established as the primary, and ${crashes}`;
}

/** The planned call of a probe on a standby, or on a MetaServer not established as primary or standby. */
export function offPrimaryCall(planned: OffPrimaryProbe): PlannedCall {
  const { server, operation, probe, allowed, own } = planned;
  const behaviour = standbyBehaviour(operation);
  if (behaviour.kind === 'crash') return skippedCall(operation, probe, allowed, crashReason(server));
  if (behaviour.kind === 'answer') return standbyAnswered(planned, behaviour);
  if (behaviour.kind === 'serve') return answeredCall(operation, probe, allowed, own ? [own] : []);
  // Redirected: a 307 on a standby; on a MetaServer that may be either, the 307 or the primary's answer.
  return server.serverRole === 'standby' ? redirectedCall(planned) : answeredCall(operation, probe, allowed, []);
}

// The calls on a MetaServer that is not the established primary, planned as a standby of its
// release treats each (`x-pegasus-standby`, read in contracts.ts): a call it redirects must be
// the 307 to the primary; a call it answers itself must be that documented answer; a call it
// crashes on is never sent; any other call it serves like any server. Before any of that, a
// standby makes the checks of the call's rules marked `standby: first` (`x-pegasus-rules`, applied
// with the spec's `brokenRule`): a request that breaks one gets that rule's answer from the standby
// itself. On a MetaServer the kit could not tell either way, an answer a primary or a standby may
// give is accepted.
import type { IndexedOperation, IndexedRule } from '@pegasus-http/spec';
import { brokenRule } from '@pegasus-http/spec/rules';
import { parsePegasusTarget } from '@pegasus-http/spec/wire';
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
 * A call the standby answers itself, from its empty state (the checks it makes first are planned
 * apart). On a MetaServer that may be the primary, a probe accepts its own answer or the
 * standby's, and a read any documented answer.
 */
function standbyAnswered(planned: OffPrimaryProbe, named: { status: number; example: string }): PlannedCall {
  const { server, operation, probe, allowed, own } = planned;
  const standby = answerOf(operation, named);
  if (!standby) return skippedCall(operation, probe, allowed, undocumented(server, named));
  if (server.serverRole !== 'standby') return answeredCall(operation, probe, allowed, own ? [own, standby] : []);
  return { ...answeredCall(operation, probe, allowed, [standby]), standbyAnswers: true };
}

/** The rule a standby checks first that the probe's request breaks, as the server reads the request. */
function standbyFirstRule({ server, operation, probe, allowed }: OffPrimaryProbe): IndexedRule | undefined {
  const { target, body } = requestOf(operation, probe, allowed);
  const parsed = parsePegasusTarget(target, server.release);
  if (!parsed.ok) return undefined;
  const declared = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  return brokenRule(operation.rules, declared, parsed.query, body, { standby: true })?.rule;
}

/** The answer of a broken rule, as a probe expects it. */
function ruleAnswer(rule: IndexedRule): ExpectedAnswer {
  const { status, example, media } = rule.answer;
  return { status, example, media };
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
  if (behaviour.kind === 'serve') return answeredCall(operation, probe, allowed, own ? [own] : []);
  // A check the standby makes first: its answer, from a standby and a primary alike.
  const first = standbyFirstRule(planned);
  if (first) return { ...answeredCall(operation, probe, allowed, [ruleAnswer(first)]), standbyAnswers: true };
  if (behaviour.kind === 'answer') return standbyAnswered(planned, behaviour);
  // Redirected: a 307 on a standby; on a MetaServer that may be either, the 307 or the primary's answer.
  return server.serverRole === 'standby' ? redirectedCall(planned) : answeredCall(operation, probe, allowed, []);
}

// Step 3, execute: sends each planned probe, follows 307s, and checks the answer, giving one
// result per probe, its findings bounded (findings.ts); no answer outlives its check. A skipped
// probe is reported without being sent, and so is every probe of a server that stopped answering.
// A probe the kit itself fails on (a bug) is an error of that probe, never the end of the run.
import {
  checkAnswer,
  checkCall,
  checkListing,
  checkLocation,
  checkUnknownPath,
  faultFinding,
  type RedirectExpectation,
  type Reply,
} from './check.js';
import { operationOf, roleContract } from './contracts.js';
import type { DiscoveredServer } from './discover.js';
import { boundFindings, clip, type Finding } from './findings.js';
import { type Answer, jsonOf } from './http.js';
import type { PlannedCall, PlannedListing, PlannedProbe, PlannedUnknownPath } from './plan.js';
import { outcomeOf, type ProbeResult } from './report.js';
import { follow, isHttpUrl, send, type Transport, urlOf } from './transport.js';

type ProbeHead = Pick<ProbeResult, 'operationId' | 'method' | 'target' | 'label'>;

/** A result of a probe that was sent, its outcome decided by all its findings, a few of them kept. */
function resultOf(server: DiscoveredServer, head: ProbeHead, answer: Answer, durationMs: number, findings: Finding[]): ProbeResult {
  return {
    ...serverOf(server),
    ...head,
    outcome: outcomeOf(findings),
    ...(answer.ok ? { status: answer.status } : {}),
    durationMs,
    findings: boundFindings(findings),
  };
}

/** Which server a result is about, and the release it was checked against. */
function serverOf(server: DiscoveredServer): Pick<ProbeResult, 'role' | 'server' | 'serverRole' | 'release'> {
  const { role, url, serverRole, release } = server;
  return { role, server: url, serverRole, ...(release ? { release } : {}) };
}

function headOf(probe: PlannedProbe): ProbeHead {
  if (probe.step === 'call')
    return { operationId: probe.operation.operationId, method: probe.method, target: probe.target, label: probe.label };
  if (probe.step === 'listing') return { operationId: probe.operation.operationId, method: 'GET', target: '/', label: probe.label };
  return { operationId: 'unknown path', method: 'GET', target: probe.target, label: probe.label };
}

function skipped(server: DiscoveredServer, probe: PlannedProbe, reason: string): ProbeResult {
  return { ...serverOf(server), ...headOf(probe), outcome: 'skipped', findings: [], reason };
}

/** The root listing: checked as an answer, then for listing exactly the role's calls. */
async function executeListing(transport: Transport, server: DiscoveredServer, probe: PlannedListing): Promise<ProbeResult> {
  const listing = await send(transport, { server: server.url, method: 'GET', target: '/' });
  const findings = checkCall(roleContract(server.role, server.release).validator, probe.operation, listing);
  const listed = jsonOf<Record<string, unknown>>(listing);
  if (listed && typeof listed === 'object' && !Array.isArray(listed)) findings.push(...checkListing(listed, probe.expect));
  return resultOf(server, headOf(probe), listing, listing.durationMs, findings);
}

function sendCall(transport: Transport, server: DiscoveredServer, probe: PlannedCall): Promise<Answer> {
  const body = probe.body !== undefined ? { body: probe.body } : {};
  return send(transport, { server: server.url, method: probe.method, target: probe.target, ...body, headers: probe.headers });
}

/** Follows the 307s of a call's first answer, resending its method and body. */
function followCall(transport: Transport, server: DiscoveredServer, probe: PlannedCall, first: Answer): ReturnType<typeof follow> {
  const body = probe.body !== undefined ? { body: probe.body } : {};
  return follow(transport, first, { url: urlOf(server.url, probe.target), method: probe.method, ...body });
}

/** A call the server answers itself (or redirects elsewhere, followed): checked against the contract and the expected answer. */
async function executeCall(transport: Transport, server: DiscoveredServer, probe: PlannedCall): Promise<ProbeResult> {
  const first = await sendCall(transport, server, probe);
  // A standby's own answer is checked as it comes: a 307 there is drift, not a hop to follow.
  const { answer, stop } = probe.standbyAnswers ? { answer: first, stop: undefined } : await followCall(transport, server, probe, first);
  const findings = stop ? [stop] : checkCall(roleContract(server.role, server.release).validator, probe.operation, answer, probe.expect);
  return resultOf(server, headOf(probe), answer, first.durationMs + (answer === first ? 0 : answer.durationMs), findings);
}

/** The primary's answer to a redirected call, checked against the call in the primary's release (the standby's when unknown). */
function checkFollowed(server: DiscoveredServer, probe: PlannedCall, redirect: RedirectExpectation, answer: Answer): Finding[] {
  const contract = roleContract(server.role, redirect.release ?? server.release);
  const operation = operationOf(contract, probe.operation.operationId) ?? probe.operation;
  return checkCall(contract.validator, operation, answer);
}

/** After a standby's 307: where it points, then the primary's answer, which must be documented too. */
async function checkRedirected(
  transport: Transport,
  server: DiscoveredServer,
  probe: PlannedCall,
  first: Reply,
  redirect: RedirectExpectation,
): Promise<Finding[]> {
  const { operationId } = probe.operation;
  const location = first.headers.location ?? '';
  if (!isHttpUrl(location))
    return [{ kind: 'drift', message: `${operationId}: the Location of the 307 is not an http URL`, actual: location || 'none' }];
  const findings = checkLocation(operationId, location, redirect);
  const { answer, stop } = await followCall(transport, server, probe, first);
  return [...findings, ...(stop ? [stop] : checkFollowed(server, probe, redirect, answer))];
}

/** A call a standby must redirect to the primary: the 307 is checked, then followed. */
async function executeRedirected(
  transport: Transport,
  server: DiscoveredServer,
  probe: PlannedCall,
  redirect: RedirectExpectation,
): Promise<ProbeResult> {
  const first = await sendCall(transport, server, probe);
  const { operationId } = probe.operation;
  let findings: Finding[];
  if (!first.ok) findings = [faultFinding(first)];
  else if (first.status !== 307)
    findings = [
      {
        kind: 'drift',
        message: `${operationId}: a standby MetaServer must redirect to the primary`,
        expected: '307',
        actual: String(first.status),
      },
    ];
  else
    findings = [
      ...checkAnswer(roleContract(server.role, server.release).validator, probe.operation, first),
      ...(await checkRedirected(transport, server, probe, first, redirect)),
    ];
  return resultOf(server, headOf(probe), first, first.durationMs, findings);
}

async function executeUnknownPath(transport: Transport, server: DiscoveredServer, probe: PlannedUnknownPath): Promise<ProbeResult> {
  const answer = await send(transport, { server: server.url, method: 'GET', target: probe.target });
  return resultOf(server, headOf(probe), answer, answer.durationMs, checkUnknownPath(answer, probe.expect));
}

function dispatch(transport: Transport, server: DiscoveredServer, probe: PlannedProbe): ProbeResult | Promise<ProbeResult> {
  if (probe.step === 'call' && probe.skip) return skipped(server, probe, probe.skip);
  const down = transport.down.get(server.url);
  if (down !== undefined) return skipped(server, probe, `not sent: ${down}`);
  if (probe.step === 'listing') return executeListing(transport, server, probe);
  if (probe.step === 'unknown-path') return executeUnknownPath(transport, server, probe);
  return probe.redirect ? executeRedirected(transport, server, probe, probe.redirect) : executeCall(transport, server, probe);
}

/** The result of a probe the kit failed on: a bug of the kit, reported as such. */
function failed(server: DiscoveredServer, probe: PlannedProbe, error: unknown): ProbeResult {
  const message = clip(
    `internal error of pegasus-contract (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    400,
  );
  return { ...serverOf(server), ...headOf(probe), outcome: 'error', findings: [{ kind: 'error', message }], internal: true };
}

/** Runs one planned probe on its server; whatever goes wrong is a result, never an exception. */
export async function executeProbe(transport: Transport, server: DiscoveredServer, probe: PlannedProbe): Promise<ProbeResult> {
  try {
    return await dispatch(transport, server, probe);
  } catch (error) {
    return failed(server, probe, error);
  }
}

// Step 4, report: the results of a run gathered into a report, for people (a line per probe and a
// summary) and for CI (JSON, JUnit XML), and the exit status it calls for.
import type { Release, Role } from '@pegasus-http/spec';
import type { Finding } from './check.js';
import type { ServerRole } from './discover.js';
import { clip } from './findings.js';

export type Outcome = 'pass' | 'drift' | 'error' | 'skipped';

export interface ProbeResult {
  role: Role;
  server: string;
  /** The server's part in the cluster: the primary or a standby MetaServer (or one not told either way), or a ReplicaServer. */
  serverRole: ServerRole;
  /** The release whose contract the server was checked against. */
  release?: Release;
  operationId: string;
  method: 'GET' | 'POST';
  target: string;
  label: string;
  outcome: Outcome;
  status?: number;
  durationMs?: number;
  findings: Finding[];
  /** Why a probe was skipped. */
  reason?: string;
  /** Set when the kit itself failed on the probe (a bug): the run could not check it. */
  internal?: true;
}

/** A server given (or found), its part in the cluster, and the release it was checked against. */
export interface ServerSummary {
  server: string;
  role: Role;
  serverRole: ServerRole;
  /** None when it could not be reached. */
  release?: Release;
  /** The version it reported at /version; none when --release chose its release. */
  version?: string;
}

export interface ContractReport {
  /** False when nothing could be checked: no server given answered at all, or the run was stopped. */
  ran: boolean;
  /** Why the run stopped before probing: a server whose release cannot be told, or the kit's own failure. */
  stopped?: string;
  startedAt: string;
  durationMs: number;
  servers: ServerSummary[];
  results: ProbeResult[];
  summary: Record<Outcome, number>;
  notes: string[];
}

/** A fault makes a probe an error; any other finding makes it drift. */
export function outcomeOf(findings: Finding[]): Outcome {
  if (findings.some((f) => f.kind === 'error')) return 'error';
  return findings.length > 0 ? 'drift' : 'pass';
}

/** The report of a run, its summary counted from the results. */
export function reportOf(run: Omit<ContractReport, 'summary'>): ContractReport {
  const summary: Record<Outcome, number> = { pass: 0, drift: 0, error: 0, skipped: 0 };
  for (const result of run.results) summary[result.outcome]++;
  const { ran, stopped, startedAt, durationMs, servers, results, notes } = run;
  return { ran, ...(stopped !== undefined ? { stopped } : {}), startedAt, durationMs, servers, results, summary, notes };
}

/**
 * The exit status of a run: 0 when everything checked matches; 1 on any drift or fault of the
 * cluster (a server down or hung among others that answer, a redirect loop, a body over the limit…);
 * 2 when the run could not check the cluster: no server named answered at all, a server's release
 * cannot be told (the run stops), or the kit itself failed (a bug). Bad arguments exit 2 before
 * any report (cli.ts).
 */
export function exitCodeOf(report: ContractReport): 0 | 1 | 2 {
  if (!report.ran || report.results.some((r) => r.internal)) return 2;
  return report.summary.drift + report.summary.error > 0 ? 1 : 0;
}

const MARK = { pass: 'PASS ', drift: 'DRIFT', error: 'ERROR', skipped: 'SKIP ' } as const;

/** One line for a probe, then one indented line per finding. */
export function formatResultLine(result: ProbeResult): string {
  const time = result.durationMs === undefined ? '' : ` ${result.durationMs} ms`;
  const status = result.status === undefined ? '' : ` -> ${result.status}`;
  const call = clip(`${result.server}${result.target}`, 240);
  const head = `${MARK[result.outcome]} ${result.operationId.padEnd(28)} ${result.method} ${call}${status}${time}  (${result.label}${result.reason ? `: ${result.reason}` : ''})`;
  const details = result.findings.map((finding) => {
    const where = finding.pointer ? ` at ${finding.pointer}` : '';
    const values = [
      finding.expected !== undefined ? `expected ${finding.expected}` : '',
      finding.actual !== undefined ? `got ${finding.actual}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `      ${finding.message}${where}${values ? `: ${values}` : ''}`;
  });
  return [head, ...details].join('\n');
}

const ROLE_NAMES: Record<ServerRole, string> = {
  primary: 'the primary MetaServer',
  standby: 'a standby MetaServer',
  unknown: 'a MetaServer, primary or standby',
  replica: 'a ReplicaServer',
};

/** One line per server: its part in the cluster and the release it was checked against. */
export function formatServer(server: ServerSummary): string {
  const role = ROLE_NAMES[server.serverRole];
  if (!server.release) return `${server.server}, ${role}: not reached, not checked.`;
  const source = server.version !== undefined ? `reports version ${server.version}` : 'release chosen with --release';
  return `${server.server}, ${role}, ${source}: checked against ${server.release}.`;
}

/** The releases the servers were checked against, in the order they first appear. */
function releasesOf(report: ContractReport): Release[] {
  return [...new Set(report.servers.flatMap((server) => (server.release ? [server.release] : [])))];
}

function verdictOf(report: ContractReport): string {
  if (report.stopped !== undefined) return `could not run: ${report.stopped}`;
  if (!report.ran) return 'could not run: no server answered';
  const internal = report.results.filter((r) => r.internal).length;
  if (internal > 0)
    return `could not check ${internal} call${internal === 1 ? '' : 's'}: the kit failed on ${internal === 1 ? 'it' : 'them'} (a bug)`;
  const releases = releasesOf(report);
  const against = releases.length > 0 ? `, checked against ${releases.join(' and ')}` : '';
  const { drift, error } = report.summary;
  return `${drift + error === 0 ? 'the cluster matches the contract' : 'the cluster does not match the contract'}${against}`;
}

export function formatSummary(report: ContractReport): string {
  const { pass, drift, error, skipped } = report.summary;
  return [
    ...report.servers.map(formatServer),
    ...report.notes.map((note) => `Note: ${note}`),
    `${pass} passed, ${drift} drifted, ${error} failed, ${skipped} skipped in ${report.durationMs} ms: ${verdictOf(report)}.`,
  ].join('\n');
}

export function formatPretty(report: ContractReport): string {
  return [...report.results.map(formatResultLine), '', formatSummary(report)].join('\n');
}

export function formatJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2);
}

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** True for a character XML 1.0 allows: control characters other than tab, LF and CR are not. */
function xmlChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function xml(text: string): string {
  return [...text]
    .filter(xmlChar)
    .join('')
    .replace(/[<>&'"]/g, (c) => ENTITIES[c] ?? c);
}

function junitCase(r: ProbeResult): string {
  const name = xml(`${r.operationId} ${r.method} ${r.target} (${r.label})`);
  const time = ((r.durationMs ?? 0) / 1000).toFixed(3);
  const detail = xml(formatResultLine(r));
  const body =
    r.outcome === 'drift'
      ? `<failure message="${xml(r.findings[0]?.message ?? '')}">${detail}</failure>`
      : r.outcome === 'error'
        ? `<error message="${xml(r.findings[0]?.message ?? '')}">${detail}</error>`
        : r.outcome === 'skipped'
          ? `<skipped message="${xml(r.reason ?? '')}"/>`
          : '';
  return `    <testcase classname="${xml(`pegasus-contract.${r.serverRole}`)}" name="${name}" time="${time}">${body}</testcase>`;
}

function junitSuite(server: string, results: ProbeResult[]): string {
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  const { serverRole, release } = results[0] ?? {};
  const name = `${serverRole} ${server}${release ? ` (${release})` : ''}`;
  const time = (results.reduce((t, r) => t + (r.durationMs ?? 0), 0) / 1000).toFixed(3);
  const head = `  <testsuite name="${xml(name)}" tests="${results.length}" failures="${count('drift')}" errors="${count('error')}" skipped="${count('skipped')}" time="${time}">`;
  const properties = release ? [`    <properties><property name="release" value="${xml(release)}"/></properties>`] : [];
  return [head, ...properties, ...results.map(junitCase), '  </testsuite>'].join('\n');
}

/** JUnit XML: a test suite per server, a test case per probe; drift is a failure, a fault an error. */
export function formatJunit(report: ContractReport): string {
  const servers = [...new Set(report.results.map((r) => r.server))];
  const suites = servers.map((server) =>
    junitSuite(
      server,
      report.results.filter((r) => r.server === server),
    ),
  );
  const { drift, error, skipped } = report.summary;
  const time = (report.durationMs / 1000).toFixed(3);
  const head = `<testsuites name="pegasus-contract" tests="${report.results.length}" failures="${drift}" errors="${error}" skipped="${skipped}" time="${time}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

// The report of a run, for people (a line per probe and a summary) and for CI (JSON, JUnit XML).
import type { ContractReport, ProbeResult } from './run.js';

const MARK = { pass: 'PASS ', drift: 'DRIFT', error: 'ERROR', skipped: 'SKIP ' } as const;

/** One line for a probe, then one indented line per finding. */
export function formatResultLine(result: ProbeResult): string {
  const time = result.durationMs === undefined ? '' : ` ${result.durationMs} ms`;
  const status = result.status === undefined ? '' : ` -> ${result.status}`;
  const head = `${MARK[result.outcome]} ${result.operationId.padEnd(28)} ${result.method} ${result.server}${result.target}${status}${time}  (${result.label}${result.reason ? `: ${result.reason}` : ''})`;
  const details = result.findings.map((finding) => {
    const where = finding.pointer ? ` at ${finding.pointer}` : '';
    const values = [finding.expected !== undefined ? `expected ${finding.expected}` : '', finding.actual !== undefined ? `got ${finding.actual}` : ''].filter(Boolean).join(', ');
    return `      ${finding.message}${where}${values ? `: ${values}` : ''}`;
  });
  return [head, ...details].join('\n');
}

export function formatSummary(report: ContractReport): string {
  const { pass, drift, error, skipped } = report.summary;
  const verdict = !report.ran ? 'could not run: no server answered' : drift + error === 0 ? 'the cluster matches the contract' : 'the cluster does not match the contract';
  return [
    ...report.notes.map((note) => `Note: ${note}`),
    `${pass} passed, ${drift} drifted, ${error} failed, ${skipped} skipped in ${report.durationMs} ms: ${verdict}.`,
  ].join('\n');
}

export function formatPretty(report: ContractReport): string {
  return [...report.results.map(formatResultLine), '', formatSummary(report)].join('\n');
}

export function formatJson(report: ContractReport): string {
  return JSON.stringify(report, null, 2);
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JUnit XML: a test suite per server, a test case per probe; drift is a failure, a fault an error. */
export function formatJunit(report: ContractReport): string {
  const servers = [...new Set(report.results.map((r) => r.server))];
  const suites = servers.map((server) => {
    const results = report.results.filter((r) => r.server === server);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    const role = results[0]!.serverRole;
    const cases = results.map((r) => {
      const name = xml(`${r.operationId} ${r.method} ${r.target} (${r.label})`);
      const time = ((r.durationMs ?? 0) / 1000).toFixed(3);
      const detail = xml(formatResultLine(r));
      const body =
        r.outcome === 'drift' ? `<failure message="${xml(r.findings[0]!.message)}">${detail}</failure>`
        : r.outcome === 'error' ? `<error message="${xml(r.findings[0]!.message)}">${detail}</error>`
        : r.outcome === 'skipped' ? `<skipped message="${xml(r.reason ?? '')}"/>`
        : '';
      return `    <testcase classname="${xml(`pegasus-contract.${role}`)}" name="${name}" time="${time}">${body}</testcase>`;
    });
    const time = (results.reduce((t, r) => t + (r.durationMs ?? 0), 0) / 1000).toFixed(3);
    return `  <testsuite name="${xml(`${role} ${server}`)}" tests="${results.length}" failures="${count('drift')}" errors="${count('error')}" skipped="${count('skipped')}" time="${time}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const { drift, error, skipped } = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pegasus-contract" tests="${report.results.length}" failures="${drift}" errors="${error}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

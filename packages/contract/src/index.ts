export { runContract, exitCodeOf, type ContractOptions, type ContractReport, type ProbeResult, type Outcome } from './run.js';
export { formatPretty, formatJson, formatJunit, formatResultLine, formatSummary } from './report.js';
export type { Finding } from './check.js';

export { runContract, type ContractOptions } from './run.js';
export { exitCodeOf, formatPretty, formatJson, formatJunit, formatResultLine, formatSummary, type ContractReport, type ProbeResult, type Outcome } from './report.js';
export type { Finding } from './check.js';

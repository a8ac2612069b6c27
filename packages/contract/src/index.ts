export type { Finding } from './check.js';
export {
  type ContractReport,
  exitCodeOf,
  formatJson,
  formatJunit,
  formatPretty,
  formatResultLine,
  formatSummary,
  type Outcome,
  type ProbeResult,
} from './report.js';
export { type ContractOptions, runContract } from './run.js';

export type { Finding } from './check.js';
export {
  type ContractReport,
  exitCodeOf,
  formatJson,
  formatJunit,
  formatPretty,
  formatResultLine,
  formatServer,
  formatSummary,
  type Outcome,
  type ProbeResult,
  type ServerSummary,
} from './report.js';
export { type ContractOptions, runContract } from './run.js';

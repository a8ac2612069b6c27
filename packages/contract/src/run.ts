// Runs the contract against the servers of a cluster, in four steps with plain data between them:
// discover (discover.ts) → plan (plan.ts) → execute (execute.ts) → report (report.ts).
import type { Release } from '@pegasus-http/spec';
import { type DiscoveredServer, discover } from './discover.js';
import { executeProbe } from './execute.js';
import { type Allowed, planServer } from './plan.js';
import { type ContractReport, type ProbeResult, reportOf, type ServerSummary } from './report.js';
import { createTransport } from './transport.js';

export interface ContractOptions {
  /** MetaServer base URLs, e.g. `http://10.0.0.1:34601`. */
  meta: string[];
  /** ReplicaServer base URLs, e.g. `http://10.0.0.2:34801`. */
  replica: string[];
  /** Check every server against this release's contract; default: the release each server's /version names. */
  release?: Release;
  /** The table to query; default: the first user table of /meta/apps. */
  table?: string;
  /** Per-request time limit in milliseconds (default 10000). */
  timeoutMs?: number;
  /** Bodies larger than this many bytes are a finding (default 64 MiB). */
  maxBodyBytes?: number;
  /** Also send the calls that change state, in their least harmful form. */
  allowMutations?: boolean;
  /** Also run the costly profilers (/pprof/heap, /pprof/growth, /pprof/profile). */
  allowProfiling?: boolean;
  /** Called after each probe, for progress. */
  onResult?: (result: ProbeResult) => void;
}

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const transport = createTransport({ timeoutMs: options.timeoutMs ?? 10_000, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024 });
  const allowed: Allowed = {
    read: true,
    error: true,
    mutation: options.allowMutations === true,
    profiling: options.allowProfiling === true,
  };

  const discovery = await discover(transport, {
    meta: options.meta,
    replica: options.replica,
    ...(options.table !== undefined ? { table: options.table } : {}),
    ...(options.release !== undefined ? { release: options.release } : {}),
  });
  const durationMs = () => Math.round(performance.now() - started);
  const servers = discovery.servers.map(summaryOf);
  if (discovery.problems.length > 0) {
    const stopped = discovery.problems.join('; ');
    return reportOf({ ran: false, stopped, startedAt, durationMs: durationMs(), servers, results: [], notes: discovery.notes });
  }
  const plans = discovery.servers.map((server) => planServer(server, discovery, allowed));
  const results: ProbeResult[] = [];
  for (const { server, probes } of plans) {
    for (const probe of probes) {
      const result = await executeProbe(transport, server, probe);
      results.push(result);
      options.onResult?.(result);
    }
  }
  const notes = [...discovery.notes, ...plans.flatMap((plan) => plan.notes)];
  return reportOf({ ran: transport.answered.size > 0, startedAt, durationMs: durationMs(), servers, results, notes });
}

function summaryOf(server: DiscoveredServer): ServerSummary {
  const { url, role, serverRole, release, version } = server;
  return { server: url, role, serverRole, ...(release ? { release } : {}), ...(version !== undefined ? { version } : {}) };
}

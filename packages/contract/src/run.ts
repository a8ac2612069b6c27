// Runs the contract against the servers of a cluster, in four steps with plain data between them:
// discover (discover.ts) → plan (plan.ts) → execute (execute.ts) → report (report.ts). A run never
// throws: whatever goes wrong ends in a report, with its summary and exit status.
import type { Release } from '@pegasus-http/spec';
import { type DiscoveredServer, type Discovery, discover } from './discover.js';
import { executeProbe } from './execute.js';
import { clip } from './findings.js';
import { hostsOf } from './hosts.js';
import { type Allowed, planServer } from './plan.js';
import { type ContractReport, type ProbeResult, reportOf, type ServerSummary } from './report.js';
import { createTransport, type Transport } from './transport.js';

/** The default limit of an answer's body: a real ReplicaServer's /metrics can be tens of MB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

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
  /** Bodies larger than this many bytes are a finding, and not read further (default 64 MiB). */
  maxBodyBytes?: number;
  /** Follow a 307 to a host not named in `meta` or `replica` (by default it is reported, not contacted). */
  followRedirectsAnywhere?: boolean;
  /** Also send the calls that change state, in their least harmful form. */
  allowMutations?: boolean;
  /** Also run the costly profilers (/pprof/heap, /pprof/growth, /pprof/profile). */
  allowProfiling?: boolean;
  /** Called after each probe, for progress. */
  onResult?: (result: ProbeResult) => void;
}

function transportOf(options: ContractOptions): Transport {
  const http = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES };
  return createTransport(http, hostsOf([...options.meta, ...options.replica], options.followRedirectsAnywhere === true));
}

function allowedOf(options: ContractOptions): Allowed {
  return { read: true, error: true, mutation: options.allowMutations === true, profiling: options.allowProfiling === true };
}

/** Discovery, or why it failed: a failure of the kit itself stops the run with a report. */
async function tryDiscover(transport: Transport, options: ContractOptions): Promise<Discovery | { failure: string }> {
  try {
    return await discover(transport, {
      meta: options.meta,
      replica: options.replica,
      ...(options.table !== undefined ? { table: options.table } : {}),
      ...(options.release !== undefined ? { release: options.release } : {}),
    });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { failure: clip(`internal error of pegasus-contract (please report it): ${detail}`, 400) };
  }
}

/** A note per server that stopped answering: its remaining calls were not sent. */
function downNotes(transport: Transport): string[] {
  return [...transport.down.values()].map((why) => `${why}: its remaining calls were not sent.`);
}

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const durationMs = () => Math.round(performance.now() - started);
  const transport = transportOf(options);
  const discovery = await tryDiscover(transport, options);
  if ('failure' in discovery)
    return reportOf({ ran: false, stopped: discovery.failure, startedAt, durationMs: durationMs(), servers: [], results: [], notes: [] });
  const servers = discovery.servers.map(summaryOf);
  if (discovery.problems.length > 0) {
    const stopped = discovery.problems.join('; ');
    return reportOf({ ran: false, stopped, startedAt, durationMs: durationMs(), servers, results: [], notes: discovery.notes });
  }
  const allowed = allowedOf(options);
  const plans = discovery.servers.map((server) => planServer(server, discovery, allowed));
  const results: ProbeResult[] = [];
  for (const { server, probes } of plans) {
    for (const probe of probes) {
      const result = await executeProbe(transport, server, probe);
      results.push(result);
      options.onResult?.(result);
    }
  }
  const notes = [...discovery.notes, ...plans.flatMap((plan) => plan.notes), ...downNotes(transport)];
  return reportOf({ ran: transport.answered.size > 0, startedAt, durationMs: durationMs(), servers, results, notes });
}

function summaryOf(server: DiscoveredServer): ServerSummary {
  const { url, role, serverRole, release, version } = server;
  return { server: url, role, serverRole, ...(release ? { release } : {}), ...(version !== undefined ? { version } : {}) };
}

// Runs the contract against the servers of a cluster: finds the primary MetaServer, learns a table
// and flags from it, then probes every server and checks every answer against the contract.
import { createSchemaValidator, listOperations, loadDocument, resolveRef, type JsonObject, type OpenApiDocument, type Role } from '@pegasus-http/spec';
import { checkAnswer, type DocumentedOperation, type Finding } from './check.js';
import { exchange, type Answer, type HttpOptions } from './http.js';
import { planProbes, type ClusterFacts, type ProbeKind, type ProbeSpec } from './probes.js';

export interface ContractOptions {
  /** MetaServer base URLs, e.g. `http://10.0.0.1:34601`. */
  meta: string[];
  /** ReplicaServer base URLs, e.g. `http://10.0.0.2:34801`. */
  replica: string[];
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

export type Outcome = 'pass' | 'drift' | 'error' | 'skipped';

export interface ProbeResult {
  role: Role;
  server: string;
  /** The server's part in the cluster: the primary or a standby MetaServer, or a ReplicaServer. */
  serverRole: 'primary' | 'standby' | 'replica';
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
}

export interface ContractReport {
  /** False when nothing could be checked: no server given answered at all. */
  ran: boolean;
  startedAt: string;
  durationMs: number;
  results: ProbeResult[];
  summary: Record<Outcome, number>;
  notes: string[];
}

const ROLE_OF = { meta: 'meta-server', replica: 'replica-server' } as const;
const MAX_REDIRECTS = 5;
const PROFILERS = ['/pprof/heap', '/pprof/growth', '/pprof/profile', '/pprof/cmdline', '/pprof/symbol'];

interface RoleContract {
  document: OpenApiDocument;
  validator: ReturnType<typeof createSchemaValidator>;
  byId: Map<string, DocumentedOperation>;
}

function contractOf(role: Role): RoleContract {
  const document = loadDocument(role);
  const byId = new Map<string, DocumentedOperation>();
  for (const { operationId, method, path, operation } of listOperations(document)) {
    byId.set(operationId, { operationId, method: method.toUpperCase() as 'GET' | 'POST', path, operation });
  }
  return { document, validator: createSchemaValidator(document), byId };
}

/** Percent-encodes a query value, leaving the commas that separate Pegasus list items readable. */
function encode(text: string): string {
  return encodeURIComponent(text).replaceAll('%2C', ',');
}

/** A query string: `detail` with an empty value is sent bare (`?detail`), as the server's help shows it. */
function encodeQuery(query: Record<string, string> | undefined, raw: string | undefined): string {
  if (raw !== undefined) return `?${raw}`;
  const entries = Object.entries(query ?? {});
  if (entries.length === 0) return '';
  return `?${entries.map(([name, value]) => (value === '' && name === 'detail' ? name : `${encode(name)}=${encode(value)}`)).join('&')}`;
}

function faultFinding(answer: Extract<Answer, { ok: false }>): Finding {
  return { kind: 'error', message: `${answer.fault}: ${answer.message}` };
}

function outcomeOf(findings: Finding[]): Outcome {
  if (findings.some((f) => f.kind === 'error')) return 'error';
  return findings.length > 0 ? 'drift' : 'pass';
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The origin (`http://host:port`) a Location points at, or undefined when it is not an http URL. */
function originOf(location: string): string | undefined {
  try {
    const url = new URL(location);
    return url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const http: HttpOptions = { timeoutMs: options.timeoutMs ?? 10_000, maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024 };
  const contracts = { 'meta-server': contractOf('meta-server'), 'replica-server': contractOf('replica-server') };
  const results: ProbeResult[] = [];
  const notes: string[] = [];
  const answered = new Set<string>();

  const record = (result: ProbeResult) => {
    results.push(result);
    options.onResult?.(result);
    return result;
  };

  /** Sends one request; records that the server answered something, whatever it was. */
  async function send(server: string, method: 'GET' | 'POST', target: string, body?: string, headers?: Record<string, string>): Promise<Answer> {
    const answer = await exchange({ server, method, target, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) }, http);
    if (answer.ok || answer.fault === 'truncated' || answer.fault === 'too-large' || answer.fault === 'timeout') answered.add(server);
    return answer;
  }

  /** Checks an answer against an operation (and a probe's expectation), as findings. */
  function check(role: Role, operation: DocumentedOperation, answer: Answer, expect?: ProbeSpec['expect']): Finding[] {
    if (!answer.ok) return [faultFinding(answer)];
    const contract = contracts[role];
    const findings = checkAnswer(contract.document, contract.validator, operation, answer);
    if (expect && answer.status !== expect.status) {
      findings.unshift({ kind: 'drift', message: `${operation.operationId}: expected the documented ${expect.status} (${expect.example})`, expected: String(expect.status), actual: String(answer.status) });
    }
    return findings;
  }

  /** Follows 307s from a first answer, at most MAX_REDIRECTS times, detecting loops. */
  async function follow(first: Answer, method: 'GET' | 'POST', body: string | undefined, visited: string[]): Promise<{ answer: Answer; loop?: Finding }> {
    let answer = first;
    for (let hop = 0; answer.ok && answer.status === 307; hop++) {
      const location = answer.headers.location ?? '';
      const origin = originOf(location);
      if (!origin) return { answer, loop: { kind: 'drift', message: 'a 307 without a usable Location', actual: location || 'none' } };
      if (visited.includes(location) || hop >= MAX_REDIRECTS) return { answer, loop: { kind: 'error', message: `redirect loop: ${[...visited, location].join(' -> ')}` } };
      visited.push(location);
      const url = new URL(location);
      answer = await send(origin, method, `${url.pathname}${url.search}`, body);
    }
    return { answer };
  }

  /** GET / of a server: the listing must be valid, and list exactly the calls its role describes. */
  async function probeListing(role: Role, server: string, serverRole: ProbeResult['serverRole']): Promise<{ pprofBuilt: boolean }> {
    const contract = contracts[role];
    const operation = [...contract.byId.values()].find((o) => o.path === '/')!;
    const answer = await send(server, 'GET', '/');
    const findings = check(role, operation, answer);
    const listing = answer.ok && answer.status === 200 ? (parseJson(answer.body) as Record<string, string> | undefined) : undefined;
    let pprofBuilt = true;
    if (listing && typeof listing === 'object') {
      const listed = Object.keys(listing);
      pprofBuilt = listed.some((path) => path.startsWith('/pprof/'));
      const described = Object.keys(contract.document.paths).filter((path) => pprofBuilt || !PROFILERS.includes(path));
      if (!pprofBuilt) notes.push(`${server} lists no /pprof/* call: it was built without gperftools; its /pprof/* calls are checked for the documented 404.`);
      for (const path of listed.filter((p) => !described.includes(p))) findings.push({ kind: 'drift', message: `the server lists ${path}, which the contract does not describe`, actual: listing[path] });
      for (const path of described.filter((p) => !listed.includes(p))) findings.push({ kind: 'drift', message: `the contract describes ${path}, which the server does not list` });
      const master = resolveRef<JsonObject>(contract.document, Object.values((resolveRef<JsonObject>(contract.document, operation.operation.responses['200']).content as Record<string, JsonObject>)['application/json']!.examples as object)[0]).value as Record<string, string>;
      for (const path of listed.filter((p) => described.includes(p) && master[p] !== undefined && master[p] !== listing[p])) {
        findings.push({ kind: 'drift', message: `the help string of ${path} differs from master's`, expected: JSON.stringify(master[path]), actual: JSON.stringify(listing[path]) });
      }
    }
    record({ role, server, serverRole, operationId: operation.operationId, method: 'GET', target: '/', label: 'the root listing', outcome: outcomeOf(findings), ...(answer.ok ? { status: answer.status } : {}), durationMs: answer.durationMs, findings });
    return { pprofBuilt };
  }

  function skipped(role: Role, server: string, serverRole: ProbeResult['serverRole'], probe: ProbeSpec, reason: string, operation?: DocumentedOperation) {
    record({ role, server, serverRole, operationId: probe.operationId, method: probe.method ?? operation?.method ?? 'GET', target: `${operation?.path ?? ''}${encodeQuery(probe.query, probe.rawQuery)}`, label: probe.label, outcome: 'skipped', findings: [], reason });
  }

  /** Sends one planned probe to a primary MetaServer or a ReplicaServer and checks the answer. */
  async function runProbe(role: Role, server: string, serverRole: ProbeResult['serverRole'], probe: ProbeSpec, allowed: Record<ProbeKind, boolean>) {
    const operation = contracts[role].byId.get(probe.operationId);
    if (!operation) throw new Error(`the contract has no operation ${probe.operationId}`);
    if (probe.skip) return skipped(role, server, serverRole, probe, probe.skip, operation);
    if (!allowed[probe.kind]) return skipped(role, server, serverRole, probe, probe.kind === 'mutation' ? 'changes state: pass --allow-mutations' : 'costly profiling: pass --allow-profiling', operation);
    const method = probe.method ?? operation.method;
    const target = `${operation.path}${encodeQuery(probe.query, probe.rawQuery)}`;
    // An error probe names the answer it expects in a Prefer header: Pegasus ignores the header,
    // and a Prism mock of the contract honours it.
    const headers: Record<string, string> = probe.expect ? { Prefer: `code=${probe.expect.status}, example=${probe.expect.example}`, ...(probe.expect.mediaType ? { Accept: probe.expect.mediaType } : {}) } : {};
    const first = await send(server, method, target, probe.body, headers);
    const { answer, loop } = await follow(first, method, probe.body, [`${server}${target}`]);
    const findings = loop ? [loop] : check(role, operation, answer, probe.expect);
    record({ role, server, serverRole, operationId: operation.operationId, method, target, label: probe.label, outcome: outcomeOf(findings), ...(answer.ok ? { status: answer.status } : {}), durationMs: (first.durationMs ?? 0) + (answer === first ? 0 : answer.durationMs), findings });
  }

  /** On a standby, every call a standby redirects: the 307 and its Location, then the primary's answer. */
  async function runStandbyProbe(server: string, primary: { url: string; hostPort?: string }, probe: ProbeSpec, allowed: Record<ProbeKind, boolean>) {
    const role = 'meta-server';
    const operation = contracts[role].byId.get(probe.operationId)!;
    if (!operation.operation.responses['307']) return;
    if (probe.skip) return skipped(role, server, 'standby', probe, probe.skip, operation);
    if (!allowed[probe.kind]) return skipped(role, server, 'standby', probe, probe.kind === 'mutation' ? 'changes state: pass --allow-mutations' : 'costly profiling: pass --allow-profiling', operation);
    const method = probe.method ?? operation.method;
    const target = `${operation.path}${encodeQuery(probe.query, probe.rawQuery)}`;
    const first = await send(server, method, target, probe.body);
    const findings: Finding[] = [];
    if (!first.ok) findings.push(faultFinding(first));
    else if (first.status !== 307) {
      findings.push({ kind: 'drift', message: `${operation.operationId}: a standby MetaServer must redirect to the primary`, expected: '307', actual: String(first.status) });
    } else {
      findings.push(...checkAnswer(contracts[role].document, contracts[role].validator, operation, first));
      const location = first.headers.location ?? '';
      const url = originOf(location) ? new URL(location) : undefined;
      const primaries = [new URL(primary.url).host, ...(primary.hostPort ? [primary.hostPort] : [])];
      if (!url) findings.push({ kind: 'drift', message: `${operation.operationId}: the Location of the 307 is not an http URL`, actual: location || 'none' });
      else {
        if (!primaries.includes(url.host)) findings.push({ kind: 'drift', message: `${operation.operationId}: the 307 does not point at the primary`, expected: primaries.join(' or '), actual: url.host });
        if (url.pathname !== operation.path) findings.push({ kind: 'drift', message: `${operation.operationId}: the 307 points at another call`, expected: operation.path, actual: url.pathname });
        const { answer, loop } = await follow(first, method, probe.body, [`${server}${target}`]);
        findings.push(...(loop ? [loop] : check(role, operation, answer)));
      }
    }
    record({ role, server, serverRole: 'standby', operationId: operation.operationId, method, target, label: `${probe.label}, redirected`, outcome: outcomeOf(findings), ...(first.ok ? { status: first.status } : {}), durationMs: first.durationMs, findings });
  }

  const allowed: Record<ProbeKind, boolean> = { read: true, error: true, mutation: options.allowMutations === true, profiling: options.allowProfiling === true };

  // 1. The MetaServers: their listings, and which one is primary.
  const metas: { url: string; state: 'primary' | 'standby' | 'unknown'; location?: string; hostPort?: string }[] = [];
  for (const url of options.meta) {
    const probe = await send(url, 'GET', '/meta/cluster');
    const state = probe.ok && probe.status === 200 ? 'primary' : probe.ok && probe.status === 307 ? 'standby' : 'unknown';
    const cluster = state === 'primary' && probe.ok ? (parseJson(probe.body) as { primary_meta_server?: string } | undefined) : undefined;
    metas.push({ url, state, ...(probe.ok && probe.headers.location ? { location: probe.headers.location } : {}), ...(cluster?.primary_meta_server ? { hostPort: cluster.primary_meta_server } : {}) });
  }
  let primary = metas.find((m) => m.state === 'primary');
  // Only standbys given: the primary is where they point.
  if (!primary) {
    const origin = metas.map((m) => m.location && originOf(m.location)).find(Boolean);
    if (origin) {
      const probe = await send(origin, 'GET', '/meta/cluster');
      if (probe.ok && probe.status === 200) {
        const cluster = parseJson(probe.body) as { primary_meta_server?: string } | undefined;
        primary = { url: origin, state: 'primary', ...(cluster?.primary_meta_server ? { hostPort: cluster.primary_meta_server } : {}) };
        metas.push(primary);
        notes.push(`The primary MetaServer, ${origin}, was found through the standbys' redirects.`);
      }
    }
  }
  for (const meta of metas.filter((m) => m.state === 'primary' && m !== primary)) {
    notes.push(`${meta.url} answers /meta/cluster itself although ${primary!.url} is primary: it is checked as a standby.`);
    meta.state = 'standby';
  }

  // 2. What the cluster has: a table, flags, the table's usage scenario.
  const facts: ClusterFacts = {};
  const source = primary?.url ?? options.replica[0];
  if (primary) {
    const apps = await send(primary.url, 'GET', '/meta/apps');
    const list = apps.ok && apps.status === 200 ? (parseJson(apps.body) as { general_info?: Record<string, { app_name: string; app_id: string }> }) : undefined;
    const tables = Object.values(list?.general_info ?? {});
    const table = options.table ? tables.find((t) => t.app_name === options.table) : tables.find((t) => !t.app_name.startsWith('__')) ?? tables[0];
    if (table) facts.table = { name: table.app_name, appId: table.app_id };
    else if (options.table) notes.push(`There is no available table named ${options.table}: the probes that need a table are skipped.`);
    if (facts.table) {
      const envs = await send(primary.url, 'GET', `/meta/app_envs?name=${encodeURIComponent(facts.table.name)}`);
      const values = envs.ok && envs.status === 200 ? (parseJson(envs.body) as Record<string, string> | undefined) : undefined;
      facts.usageScenario = values?.['rocksdb.usage_scenario'] ?? 'normal';
    }
  }
  if (source) {
    const configs = await send(source, 'GET', '/configs');
    const flags = configs.ok && configs.status === 200 ? (parseJson(configs.body) as Record<string, { type: string; tags: string; value: string }> | undefined) : undefined;
    const names = Object.keys(flags ?? {});
    if (names.length) facts.flag = names.includes('config_sync_interval_ms') ? 'config_sync_interval_ms' : names[0]!;
    const mutable = Object.entries(flags ?? {}).find(([, f]) => f.tags === 'flag_tag::FT_MUTABLE' && f.type !== 'FV_STRING' && f.type !== 'FV_DOUBLE');
    if (mutable) facts.mutableFlag = { name: mutable[0], value: mutable[1].value };
  }

  // 3. Every server: its listing, then its probes.
  const servers = [
    ...metas.map((m) => ({ role: ROLE_OF.meta, url: m.url, serverRole: m.state === 'standby' ? ('standby' as const) : ('primary' as const), meta: m })),
    ...options.replica.map((url) => ({ role: ROLE_OF.replica, url, serverRole: 'replica' as const, meta: undefined })),
  ];
  for (const server of servers) {
    const { pprofBuilt } = await probeListing(server.role, server.url, server.serverRole);
    if (!answered.has(server.url)) {
      notes.push(`${server.url} could not be reached; its other calls were not probed.`);
      continue;
    }
    for (const probe of planProbes(server.role, facts)) {
      const operation = contracts[server.role].byId.get(probe.operationId)!;
      if (!pprofBuilt && PROFILERS.includes(operation.path)) {
        // Built without gperftools: the call must be the documented 404.
        await runProbe(server.role, server.url, server.serverRole, { ...probe, kind: 'read', label: 'absent without gperftools', expect: { status: 404, example: 'notBuilt' } }, allowed);
        continue;
      }
      if (server.serverRole === 'standby') {
        if (operation.operation.responses['307']) await runStandbyProbe(server.url, primary!, probe, allowed);
        else if (!operation.path.startsWith('/meta/')) await runProbe(server.role, server.url, server.serverRole, probe, allowed);
      } else {
        await runProbe(server.role, server.url, server.serverRole, probe, allowed);
      }
    }
    // A path the server does not serve is the framework's 404.
    await probeUnknownPath(server.role, server.url, server.serverRole);
  }

  async function probeUnknownPath(role: Role, server: string, serverRole: ProbeResult['serverRole']) {
    const target = '//pegasus_contract///no_such_call/';
    const answer = await send(server, 'GET', target);
    const findings: Finding[] = [];
    if (!answer.ok) findings.push(faultFinding(answer));
    else {
      const expected = 'service not found for "pegasus_contract/no_such_call"';
      if (answer.status !== 404) findings.push({ kind: 'drift', message: 'an unknown path must be the framework\'s 404', expected: '404', actual: String(answer.status) });
      const label = (answer.headers['content-type'] ?? '').split(';')[0]!;
      if (label !== 'text/plain') findings.push({ kind: 'drift', message: 'wrong Content-Type label', expected: 'text/plain', actual: label || 'none' });
      const body = answer.body.toString('utf8');
      if (body !== expected) findings.push({ kind: 'drift', message: 'the 404 body differs from the framework\'s', expected: JSON.stringify(expected), actual: JSON.stringify(body.slice(0, 120)) });
    }
    record({ role, server, serverRole, operationId: 'unknown path', method: 'GET', target, label: 'the framework\'s 404', outcome: outcomeOf(findings), ...(answer.ok ? { status: answer.status } : {}), durationMs: answer.durationMs, findings });
  }

  const summary: Record<Outcome, number> = { pass: 0, drift: 0, error: 0, skipped: 0 };
  for (const result of results) summary[result.outcome]++;
  return { ran: answered.size > 0, startedAt, durationMs: Math.round(performance.now() - started), results, summary, notes };
}

/** The exit status of a run: 0 when everything matches, 1 on any drift or fault, 2 when nothing could run. */
export function exitCodeOf(report: ContractReport): 0 | 1 | 2 {
  if (!report.ran) return 2;
  return report.summary.drift + report.summary.error > 0 ? 1 : 0;
}

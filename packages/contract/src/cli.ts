// pegasus-contract: checks a live Pegasus cluster against the contract, call by call.
import { parseArgs } from 'node:util';
import { RELEASES } from '@pegasus-http/spec';
import { parseRelease } from './release.js';
import { type ContractReport, exitCodeOf, formatJson, formatJunit, formatResultLine, formatSummary, type ProbeResult } from './report.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, runContract } from './run.js';

const MIB = 1024 * 1024;

const USAGE = `Usage: pegasus-contract --meta http://HOST:34601[,http://HOST2:34601...] --replica http://HOST:34801[,...]
                        [--release ${RELEASES.join('|')}] [--table NAME] [--timeout MS] [--max-body-mb MB]
                        [--format pretty|json|junit] [--allow-mutations] [--allow-profiling]
                        [--follow-redirects-anywhere]

Checks every call of the Pegasus HTTP API contract against the servers given, and reports, call by
call, whether each answer matches: its status, its Content-Type label and its body. Read-only unless
told otherwise.

  --meta URLS         MetaServers, comma-separated; the primary is found, standbys are checked
                      for what a standby of their release answers (307 redirects on master)
  --replica URLS      ReplicaServers, comma-separated
  --release R         check every server against release R's contract (${RELEASES.join(', ')}, or
                      its version, such as 2.5.0) instead of the release its /version names
  --table NAME        the table to query (default: the first user table of /meta/apps)
  --format FORMAT     pretty (default), json or junit; progress goes to stderr for json and junit
  --timeout MS        time limit of each request in milliseconds (default ${DEFAULT_TIMEOUT_MS}); a server
                      that gives no answer to two requests in a row is sent nothing more
  --max-body-mb MB    the largest answer body read, in MiB (default ${DEFAULT_MAX_BODY_BYTES / MIB}); a larger one
                      is a finding, and is not read further
  --follow-redirects-anywhere
                      follow a 307 to a host not named with --meta or --replica (by default it is
                      reported and not contacted: the kit sends nothing to a host not named)
  --allow-mutations   also send the calls that change state, in their least harmful form:
                      /updateConfig sets a mutable flag to its current value, usage_scenario sets
                      the table's current scenario, start_bulk_load names an unknown block service
                      and start_compaction an invalid type (both refused by the server)
  --allow-profiling   also run /pprof/heap, /pprof/growth and a 1-second /pprof/profile
  -h, --help          show this help

Exit status: 0 when everything matches; 1 on any drift or fault (a server down or hung while others
answer, a redirect loop, a body over the limit...); 2 when it could not run: bad arguments, no server
named answered at all, a server whose release cannot be told (without --release), or a failure of
the kit itself.`;

function fail(message: string): never {
  console.error(`pegasus-contract: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function urls(value: string | undefined, name: string): string[] {
  if (value === undefined) return [];
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of list) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      fail(`--${name}: "${item}" is not a URL such as http://10.0.0.1:34601`);
    }
    if (url.protocol !== 'http:') fail(`--${name}: "${item}" must be an http:// URL (Pegasus serves no TLS)`);
    if (url.pathname !== '/' || url.search || url.hash) fail(`--${name}: "${item}" must be a server address only, without a path or query`);
  }
  return list.map((item) => new URL(item).origin);
}

type Format = 'pretty' | 'json' | 'junit';

const OPTIONS = {
  meta: { type: 'string' },
  replica: { type: 'string' },
  table: { type: 'string' },
  release: { type: 'string' },
  format: { type: 'string', default: 'pretty' },
  timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
  'max-body-mb': { type: 'string', default: String(DEFAULT_MAX_BODY_BYTES / MIB) },
  'follow-redirects-anywhere': { type: 'boolean', default: false },
  'allow-mutations': { type: 'boolean', default: false },
  'allow-profiling': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The command's options as given; a malformed command line exits with status 2. */
function parseCommand() {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

/** Prints each result as it comes: the line itself in pretty format, else a progress line on stderr. */
function progressWriter(format: Format): (result: ProbeResult) => void {
  let done = 0;
  return (result) => {
    done++;
    if (format === 'pretty') console.log(formatResultLine(result));
    else if (process.stderr.isTTY) process.stderr.write(`\r[${done}] ${result.operationId} ${result.outcome}`.padEnd(70));
    else process.stderr.write(`[${done}] ${result.outcome} ${result.operationId} ${result.server}${result.target}\n`);
  };
}

function writeReport(format: Format, report: ContractReport): void {
  if (format === 'pretty') {
    console.log(`\n${formatSummary(report)}`);
    return;
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stderr.write(`${formatSummary(report)}\n`);
  process.stdout.write(format === 'json' ? `${formatJson(report)}\n` : formatJunit(report));
}

/** The limits of a run: each request's time, and an answer's size. */
function limitsOf(values: ReturnType<typeof parseCommand>): { timeoutMs: number; maxBodyBytes: number } {
  if (!/^\d+$/.test(values.timeout) || Number(values.timeout) === 0)
    fail(`--timeout must be a positive number of milliseconds, not "${values.timeout}"`);
  const mb = values['max-body-mb'];
  if (!/^\d+(\.\d+)?$/.test(mb) || Number(mb) * MIB < 1) fail(`--max-body-mb must be a positive number of MiB, not "${mb}"`);
  return { timeoutMs: Number(values.timeout), maxBodyBytes: Math.floor(Number(mb) * MIB) };
}

async function main(): Promise<void> {
  const values = parseCommand();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const meta = urls(values.meta, 'meta');
  const replica = urls(values.replica, 'replica');
  if (meta.length + replica.length === 0) fail('give at least one server with --meta or --replica');
  const format = values.format as Format;
  if (!['pretty', 'json', 'junit'].includes(format)) fail(`--format must be pretty, json or junit, not "${format}"`);
  const release = values.release === undefined ? undefined : parseRelease(values.release);
  if (values.release !== undefined && !release) fail(`--release must be one of ${RELEASES.join(', ')}, not "${values.release}"`);
  const report = await runContract({
    meta,
    replica,
    ...(release ? { release } : {}),
    ...(values.table !== undefined ? { table: values.table } : {}),
    ...limitsOf(values),
    followRedirectsAnywhere: values['follow-redirects-anywhere'],
    allowMutations: values['allow-mutations'],
    allowProfiling: values['allow-profiling'],
    onResult: progressWriter(format),
  });
  writeReport(format, report);
  process.exitCode = exitCodeOf(report);
}

// A reader that goes away (`| head`) ends the run quietly, with the status it had.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main().catch((error: Error) => {
  console.error(`pegasus-contract: internal error (please report it): ${error.stack ?? error.message}`);
  process.exit(2);
});

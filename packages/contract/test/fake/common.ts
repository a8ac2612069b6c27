// The calls both roles serve, as each release answers them: the builtins, /metrics (master only),
// /perfCounter (v2.4.0 and v2.5.0 only) and /pprof/*.
import type { Release } from '@pegasus-http/spec';
import { writeWireJson } from '@pegasus-http/spec/wire';
import { type FakeContext, type Handler, unknownParameter } from './context.js';
import { json, text } from './server.js';
import { double, type Flag, flagsOf } from './state.js';

const COMMITS: Record<Release, string> = {
  master: 'db756dcdf24e2af6169659a67548501ed61f106c',
  'v2.5.0': '0ca31b70eac7321bb17fb034105695597245d47b',
  'v2.4.0': '8bdca79a7f871e91283bd0270e5bd7913d8c295e',
};

function flagInfo(name: string, flag: Flag) {
  return { name, section: flag.section, type: flag.type, tags: flag.tags, description: flag.description, value: flag.value };
}

const version: Handler = (_request, { release, version, drift }) => {
  const body = drift.missingRequiredField ? { Version: version } : { Version: version, GitCommit: COMMITS[release] };
  return { ...json(body), ...(drift.wrongContentType ? { contentType: 'application/json' } : {}) };
};

// Master rejects an empty name and quotes the one not found; the releases do neither (research §1.3).
const config: Handler = ({ query }, { release }) => {
  if (unknownParameter(query, 'name')) return text(400, '');
  const name = query.get('name') ?? '';
  if (name === '' && release === 'master') return text(400, "name shouldn't be empty");
  const flag = flagsOf(release)[name];
  if (flag) return json(flagInfo(name, flag));
  return text(200, `ERR_OBJECT_NOT_FOUND: ${release === 'master' ? `'${name}'` : name} is not found`);
};

const configs: Handler = ({ query }, { release }) => {
  if (query.size > 0) return text(400, '');
  const flags = flagsOf(release);
  return json(Object.fromEntries(Object.keys(flags).map((name) => [name, flagInfo(name, flags[name]!)])));
};

// v2.4.0 refuses any count of parameters but one with an empty 400; later releases answer 200 (research §2.1).
const updateConfig: Handler = ({ query }, { release }) => {
  const status = (update_status: string) => json({ update_status });
  if (query.size !== 1)
    return release === 'v2.4.0' ? text(400, '') : status('ERR_INVALID_PARAMETERS: there should be exactly one config to be updated once');
  const [name, value] = [...query][0]!;
  const flag = flagsOf(release)[name];
  if (!flag) return status(`ERR_OBJECT_NOT_FOUND: ${name} is not found`);
  if (flag.tags !== 'flag_tag::FT_MUTABLE') return status(`ERR_INVALID_PARAMETERS: ${name} is not mutable`);
  if (!/^\d+$/.test(value)) return status(`ERR_INVALID_PARAMETERS: ${value} is invalid`);
  return status('ERR_OK');
};

const METRICS_FIELDS = ['with_metric_fields', 'types', 'ids', 'attributes', 'metrics', 'detail'];

const metrics: Handler = ({ query, method }) => {
  const error = (message: string) => ({ status: 400, body: writeWireJson({ error_message: message }, 'rapidjson_pretty') });
  if (method !== 'GET') return error("please use 'GET' method while querying for metrics");
  for (const [name, value] of query) {
    if (name === 'detail' && !/^(true|false)$/i.test(value))
      return error('the value of detail should be a boolean value, i.e. true or false');
    if (!METRICS_FIELDS.includes(name)) return error(`unknown field ${name}=${value}`);
  }
  const types = query.get('types')?.split(',').filter(Boolean);
  const fields = query.get('with_metric_fields')?.split(',').filter(Boolean);
  const detail = /^true$/i.test(query.get('detail') ?? '');
  const metric = { type: 'Gauge', name: 'resident_mem_usage_mb', unit: 'MegaBytes', desc: 'resident memory', value: 512 };
  const shown = Object.fromEntries(
    Object.entries(metric).filter(([key]) => (fields?.length ? fields.includes(key) : detail || ['name', 'value'].includes(key))),
  );
  const entities = !types || types.includes('server') ? [{ type: 'server', id: 'server', attributes: {}, metrics: [shown] }] : [];
  const snapshot = { cluster: 'onebox', role: 'meta', host: 'fake', port: 34601, timestamp_ns: 1764057600000000000, entities };
  return { status: 200, body: writeWireJson(snapshot, 'rapidjson_pretty') };
};

type Counter = { type: 'NUMBER' | 'VOLATILE_NUMBER' | 'RATE'; value: number; description: string } | PercentileCounter;
type PercentileCounter = { type: 'PERCENTILE'; p99: number; p999: number; description: string };

/** The perf counters of a server, by full name `app*section*counter` (research §1.2). */
function countersOf({ role, state }: FakeContext): Record<string, Counter> {
  const memory: Counter = { type: 'NUMBER', value: 512, description: 'physically memory usages in MB' };
  if (role === 'meta-server')
    return {
      'meta*eon.meta_service*alive_nodes': { type: 'NUMBER', value: state.nodes.length, description: 'current count of alive nodes' },
      'meta*eon.meta_service*unalive_nodes': { type: 'NUMBER', value: 0, description: 'current count of unalive nodes' },
      'meta*eon.meta_service*recent_disconnect_count': {
        type: 'VOLATILE_NUMBER',
        value: 0,
        description: 'replica server disconnect count in the recent period',
      },
      'replica*server*memused.res(MB)': memory,
    };
  return {
    'replica*eon.replica_stub*replica(Count)': { type: 'NUMBER', value: 12, description: '# in replica_stub._replicas' },
    'replica*eon.replica_stub*replicas.commit.qps': { type: 'RATE', value: 152.38, description: 'server-level commit throughput' },
    'replica*app.pegasus*get_latency@2.0': {
      type: 'PERCENTILE',
      p99: 1523000,
      p999: 2870000,
      description: 'statistic the latency of GET request',
    },
    'replica*server*memused.res(MB)': memory,
  };
}

// Any key but `name` is an empty 400; no name, an empty one or an unknown one is a table with no row: `{}`.
const perfCounter: Handler = ({ query }, server) => {
  if (unknownParameter(query, 'name')) return text(400, '');
  const name = query.get('name') ?? '';
  const counter = countersOf(server)[name];
  if (!counter) return json({});
  const values =
    counter.type === 'PERCENTILE' ? { p99: double(counter.p99), p999: double(counter.p999) } : { value: double(counter.value) };
  return json({ name, ...values, type: counter.type, description: counter.description });
};

const symbols = (body: string) =>
  body
    .split('+')
    .map((a) => `0x${Number(a).toString(16).padStart(8, '0')}\t0x${Number(a).toString(16).padStart(8, '0')}\n`)
    .join('');

const HEAP_PROFILE = 'heap profile:      1:     4096 [     1:     4096] @ heapprofile\n\nMAPPED_LIBRARIES:\n';

const PPROF: Record<string, Handler> = {
  'pprof/cmdline': () => text(200, '/home/work/pegasus/bin/pegasus_server\nconfig.ini\n-app_list\nmeta\n'),
  'pprof/symbol': ({ method, body }) => text(200, method === 'POST' ? symbols(body) : 'num_symbols: 1024\n'),
  // Master samples, and refuses without TCMALLOC_SAMPLE_PARAMETER; the releases always profile (research §1.4).
  'pprof/heap': (_request, { release }) =>
    release === 'master'
      ? text(500, 'The environment variable TCMALLOC_SAMPLE_PARAMETER should set to a positive value, such as 524288, before running.')
      : text(200, HEAP_PROFILE),
  'pprof/growth': () => text(200, 'heap profile:      1:     4096 [     1:     4096] @ growthz\n'),
  'pprof/profile': () => text(200, 'No profile file'),
};

/** The calls both roles serve in a release. */
export function commonHandlers(release: Release): Record<string, Handler> {
  const builtins = { version, recentStartTime: () => json({ RecentStartTime: '2026-11-25 08:00:00' }), config, configs, updateConfig };
  return { ...builtins, ...PPROF, ...(release === 'master' ? { metrics } : { perfCounter }) };
}

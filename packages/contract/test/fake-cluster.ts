// A small fake Pegasus cluster for the contract kit's tests: a primary MetaServer, a standby
// MetaServer and a ReplicaServer, answering as the real servers do according to the reference
// notes (../shared/reference), not from the contract's examples: computed from a little state,
// `text/plain` on every body, string-typed values, the real error bodies and the standby's 307.
// Each kind of drift the kit must catch can be switched on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parsePegasusTarget,
  requestParseErrorBody,
  serviceNotFoundBody,
  standbyLocation,
  type WireSerializer,
  writeWireJson,
} from '@pegasus-http/spec/wire';

/** The drifts a test can inject. */
export interface Drift {
  /** /meta/cluster sends `metaServers` instead of `meta_servers`. */
  renamedField?: boolean;
  /** /meta/apps sends `partition_count` as a JSON number. */
  numberForString?: boolean;
  /** /version leaves out `GitCommit`. */
  missingRequiredField?: boolean;
  /** /meta/app answers an unknown table with 500 and an error name, not 404. */
  wrongStatus?: boolean;
  /** /version is labelled application/json. */
  wrongContentType?: boolean;
  /** The MetaServer's listing leaves out /meta/nodes. */
  missingFromListing?: boolean;
  /** The MetaServer's listing has a call the contract does not describe. */
  extraInListing?: boolean;
  /** The standby answers /meta/* itself instead of redirecting. */
  standbyAnswers?: boolean;
}

type Reply = { status: number; body?: string; location?: string; contentType?: string };
type Handler = (query: Map<string, string>, method: string, body: string) => Reply;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
};

const json = (value: unknown, serializer: WireSerializer = 'table_printer'): Reply => ({
  status: 200,
  body: writeWireJson(value, serializer),
});
const text = (status: number, body: string): Reply => ({ status, body });

/** The cluster's state: two tables, three replica servers, a handful of flags. */
const TABLES = [
  { app_id: 1, app_name: '__stat', partition_count: 4, envs: {} as Record<string, string> },
  { app_id: 2, app_name: 'temp', partition_count: 8, envs: { 'replica.slow_query_threshold': '1000', 'rocksdb.usage_scenario': 'normal' } },
];
const NODES = ['localhost:34801', 'localhost:34802', 'localhost:34803'];
const FLAGS: Record<string, { section: string; type: string; tags: string; description: string; value: string }> = {
  config_sync_interval_ms: {
    section: 'replication',
    type: 'FV_UINT32',
    tags: 'flag_tag::FT_MUTABLE',
    description: 'config-sync interval',
    value: '30000',
  },
  enable_http_server: { section: 'http', type: 'FV_BOOL', tags: '', description: 'embedded HTTP server', value: 'true' },
};
const HELP: Record<string, string> = {
  '/': 'List all supported calls.',
  '/config':
    'name=<config_name>. Gets the details of a specified config. Only the configs which are registered by DSN_DEFINE_xxx macro can be queried.',
  '/configs': 'List all configs. Only the configs which are registered by DSN_DEFINE_xxx macro can be queried.',
  '/envs/list': 'List all available table environments.',
  '/meta/app': 'name=<app_name>[&detail]. Query app info.',
  '/meta/app/duplication': 'name=<app_name>. Query app duplication info.',
  '/meta/app/query_bulk_load': 'name=<app_name>. Query app bulk load info.',
  '/meta/app/start_bulk_load': 'A JSON format of start_bulk_load_request structure. Start bulk load on an app.',
  '/meta/app/start_compaction': 'A JSON format of manual_compaction_info structure. Start compaction for an app.',
  '/meta/app/usage_scenario': 'A JSON format of usage_scenario_info structure. Update usage scenario of an app.',
  '/meta/app_envs': 'name=<app_name>. Query app environments.',
  '/meta/apps': '[detail]. List all apps in the cluster.',
  '/meta/backup_policy': 'name=<app_name1>&name=<app_name2>. Query backup policy by policy names.',
  '/meta/cluster': 'Query the cluster info.',
  '/meta/nodes': '[detail]. Query the replica servers info.',
  '/metrics':
    '[with_metric_fields=field1,field2,...][&types=type1,type2,...][&ids=id1,id2,...][&attributes=attr1,value1,attr2,value2,...][&metrics=metric1,metric2,...][&detail=true|false]Query the node metrics.',
  '/pprof/cmdline': "Query the process' cmdline.",
  '/pprof/growth': 'Query the stack traces that caused growth in the address space size.',
  '/pprof/heap':
    "[seconds=<heap_profile_seconds>]. Query a sample of live objects and the stack traces that allocated these objects (an environment variable TCMALLOC_SAMPLE_PARAMETER should set to a positive value, such as 524288), or the current heap profiling information if 'seconds' parameter is specified.",
  '/pprof/profile': "[seconds=<cpu_profile_seconds>]. Query the CPU profile. 'seconds' is 60 if not specified.",
  '/pprof/symbol':
    "[symbol_address]. Query the process' symbols. Return the symbol count of the process if using GET, return the symbol of the 'symbol_address' if using POST.",
  '/recentStartTime': 'Get the server start time.',
  '/replica/data_version': 'app_id=<app_id>. Query the data version of an app.',
  '/replica/duplication': 'appid=<appid>. Query the duplication status of an app.',
  '/replica/manual_compaction': 'app_id=<app_id>. Query the manual compaction status of an app.',
  '/updateConfig': '<key>=<new_value>. Update the config to the new value.',
  '/version': 'Get the server version.',
};

function flagInfo(name: string) {
  const flag = FLAGS[name]!;
  return { name, section: flag.section, type: flag.type, tags: flag.tags, description: flag.description, value: flag.value };
}

/** The calls both roles serve. */
function commonHandlers(drift: Drift): Record<string, Handler> {
  return {
    version: () => {
      const body = drift.missingRequiredField
        ? { Version: '2.6.0-SNAPSHOT' }
        : { Version: '2.6.0-SNAPSHOT', GitCommit: 'db756dcdf24e2af6169659a67548501ed61f106c' };
      return { ...json(body), ...(drift.wrongContentType ? { contentType: 'application/json' } : {}) };
    },
    recentStartTime: () => json({ RecentStartTime: '2026-11-25 08:00:00' }),
    config: (query) => {
      for (const name of query.keys()) if (name !== 'name') return text(400, '');
      const name = query.get('name') ?? '';
      if (name === '') return text(400, "name shouldn't be empty");
      return FLAGS[name] ? json(flagInfo(name)) : text(200, `ERR_OBJECT_NOT_FOUND: '${name}' is not found`);
    },
    configs: (query) =>
      query.size > 0
        ? text(400, '')
        : json(
            Object.fromEntries(
              Object.keys(FLAGS)
                .sort()
                .map((name) => [name, flagInfo(name)]),
            ),
          ),
    updateConfig: (query) => {
      if (query.size !== 1) return json({ update_status: 'ERR_INVALID_PARAMETERS: there should be exactly one config to be updated once' });
      const [name, value] = [...query][0]!;
      const flag = FLAGS[name];
      if (!flag) return json({ update_status: `ERR_OBJECT_NOT_FOUND: ${name} is not found` });
      if (flag.tags !== 'flag_tag::FT_MUTABLE') return json({ update_status: `ERR_INVALID_PARAMETERS: ${name} is not mutable` });
      if (!/^\d+$/.test(value)) return json({ update_status: `ERR_INVALID_PARAMETERS: ${value} is invalid` });
      return json({ update_status: 'ERR_OK' });
    },
    metrics: (query, method) => {
      const error = (message: string) => ({ status: 400, body: writeWireJson({ error_message: message }, 'rapidjson_pretty') });
      if (method !== 'GET') return error("please use 'GET' method while querying for metrics");
      for (const [name, value] of query) {
        if (name === 'detail' && !/^(true|false)$/i.test(value))
          return error('the value of detail should be a boolean value, i.e. true or false');
        if (!['with_metric_fields', 'types', 'ids', 'attributes', 'metrics', 'detail'].includes(name))
          return error(`unknown field ${name}=${value}`);
      }
      const types = query.get('types')?.split(',').filter(Boolean);
      const fields = query.get('with_metric_fields')?.split(',').filter(Boolean);
      const detail = /^true$/i.test(query.get('detail') ?? '');
      const metric = { type: 'Gauge', name: 'resident_mem_usage_mb', unit: 'MegaBytes', desc: 'resident memory', value: 512 };
      const shown = Object.fromEntries(
        Object.entries(metric).filter(([key]) => (fields?.length ? fields.includes(key) : detail || ['name', 'value'].includes(key))),
      );
      const entities = !types || types.includes('server') ? [{ type: 'server', id: 'server', attributes: {}, metrics: [shown] }] : [];
      return {
        status: 200,
        body: writeWireJson(
          { cluster: 'onebox', role: 'meta', host: 'fake', port: 34601, timestamp_ns: 1764057600000000000, entities },
          'rapidjson_pretty',
        ),
      };
    },
    'pprof/cmdline': () => text(200, '/home/work/pegasus/bin/pegasus_server\nconfig.ini\n-app_list\nmeta\n'),
    'pprof/symbol': (_query, method, body) =>
      method === 'POST'
        ? text(
            200,
            body
              .split('+')
              .map((a) => `0x${Number(a).toString(16).padStart(8, '0')}\t0x${Number(a).toString(16).padStart(8, '0')}\n`)
              .join(''),
          )
        : text(200, 'num_symbols: 1024\n'),
    'pprof/heap': () =>
      text(500, 'The environment variable TCMALLOC_SAMPLE_PARAMETER should set to a positive value, such as 524288, before running.'),
    'pprof/growth': () => text(200, 'heap profile:      1:     4096 [     1:     4096] @ growthz\n'),
    'pprof/profile': () => text(200, 'No profile file'),
  };
}

/** A JSON request body as the server's decoder reads it, or its 400 when it is not a JSON object. */
function jsonBody(body: string): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  try {
    const value = JSON.parse(body) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // not JSON
  }
  return { ok: false, reply: text(400, 'invalid request structure') };
}

function findTable(name: string) {
  return TABLES.find((t) => t.app_name === name);
}

/** The MetaServer's calls, as the primary answers them. */
function metaHandlers(drift: Drift): Record<string, Handler> {
  return {
    'meta/cluster': () => {
      const servers = 'localhost:34601,localhost:34602';
      return json({
        [drift.renamedField ? 'metaServers' : 'meta_servers']: servers,
        primary_meta_server: 'localhost:34601',
        zookeeper_hosts: '127.0.0.1:22181',
        zookeeper_root: '/pegasus/fake',
        meta_function_level: 'steady',
        balance_operation_count: '{\n  "copy_pri": 0,\n  "copy_sec": 0,\n  "move_pri": 0,\n  "total": 0\n}',
        primary_replica_count_stddev: '0.00',
        total_replica_count_stddev: '0.00',
      });
    },
    'meta/nodes': (query) => {
      for (const name of query.keys()) if (name !== 'detail') return text(400, '');
      const detail = query.has('detail');
      const details = Object.fromEntries(
        NODES.map((node) => [
          node,
          { address: node, status: 'ALIVE', ...(detail ? { replica_count: '8', primary_count: '4', secondary_count: '4' } : {}) },
        ]),
      );
      return json({ details, summary: { total_node_count: '3', alive_node_count: '3', unalive_node_count: '0' } });
    },
    'meta/apps': (query) => {
      for (const name of query.keys()) if (name !== 'detail') return text(400, '');
      const count = (n: number) => (drift.numberForString ? n : String(n));
      const general = Object.fromEntries(
        TABLES.map((t) => [
          String(t.app_id),
          {
            app_id: String(t.app_id),
            status: 'AVAILABLE',
            app_name: t.app_name,
            app_type: 'pegasus',
            partition_count: count(t.partition_count),
            replica_count: '3',
            is_stateful: 'true',
            create_time: '2026-11-25 08:00:00.000',
            drop_time: '-',
            drop_expire: '-',
            envs_count: String(Object.keys(t.envs).length),
          },
        ]),
      );
      if (!query.has('detail')) return json({ general_info: general, summary: { total_app_count: String(TABLES.length) } });
      const healthy = Object.fromEntries(
        TABLES.map((t) => [
          String(t.app_id),
          {
            app_id: String(t.app_id),
            app_name: t.app_name,
            partition_count: String(t.partition_count),
            fully_healthy: String(t.partition_count),
            unhealthy: '0',
            write_unhealthy: '0',
            read_unhealthy: '0',
          },
        ]),
      );
      return json({
        general_info: general,
        healthy_info: healthy,
        summary: {
          total_app_count: '2',
          fully_healthy_app_count: '2',
          unhealthy_app_count: '0',
          write_unhealthy_app_count: '0',
          read_unhealthy_app_count: '0',
        },
      });
    },
    'meta/app': (query) => {
      for (const name of query.keys()) if (name !== 'name' && name !== 'detail') return text(400, '');
      const name = query.get('name') ?? '';
      if (name === '') return text(400, "app name shouldn't be empty");
      const table = findTable(name);
      if (!table) return drift.wrongStatus ? text(500, 'ERR_OBJECT_NOT_FOUND') : text(404, `table not found: "${name}"`);
      const general = {
        app_name: table.app_name,
        app_id: String(table.app_id),
        partition_count: String(table.partition_count),
        max_replica_count: '3',
      };
      if (!query.has('detail')) return json({ general });
      const replicas = Object.fromEntries(
        Array.from({ length: table.partition_count }, (_, i) => [
          String(i),
          {
            pidx: String(i),
            ballot: '3',
            replica_count: '3/3',
            primary: NODES[i % 3]!,
            secondaries: `[${NODES.filter((_n, j) => j !== i % 3).join(',')}]`,
          },
        ]),
      );
      const nodes = {
        ...Object.fromEntries(NODES.map((n) => [n, { node: n, primary: '0', secondary: '0', total: '0' }])),
        total: {
          node: 'total',
          primary: String(table.partition_count),
          secondary: String(table.partition_count * 2),
          total: String(table.partition_count * 3),
        },
      };
      const healthy = {
        fully_healthy_partition_count: String(table.partition_count),
        unhealthy_partition_count: '0',
        write_unhealthy_partition_count: '0',
        read_unhealthy_partition_count: '0',
      };
      return json({ general, replicas, nodes, healthy });
    },
    'meta/app/duplication': (query) => {
      if (!query.has('name')) return text(400, 'name should not be empty');
      const table = findTable(query.get('name')!);
      if (!table) return text(404, 'ERR_APP_NOT_EXIST');
      return { status: 200, body: 'null' };
    },
    'meta/app_envs': (query) => {
      const name = query.get('name') ?? '';
      if (name === '') return text(400, "app name shouldn't be empty");
      return json(findTable(name)?.envs ?? {});
    },
    'meta/app/query_bulk_load': (query) => {
      if (!query.has('name')) return text(400, 'name should not be empty');
      const known = findTable(query.get('name')!);
      return json({ error: known ? 'ERR_OK' : 'ERR_APP_NOT_EXIST', app_status: 'replication::bulk_load_status::BLS_INVALID' });
    },
    'meta/app/start_bulk_load': (_query, _method, body) => {
      const parsed = jsonBody(body);
      if (!parsed.ok) return parsed.reply;
      const request = parsed.value;
      for (const field of ['app_name', 'cluster_name', 'file_provider_type', 'remote_root_path'])
        if (!request[field]) return text(400, `${field} should not be empty`);
      if (!findTable(String(request.app_name))) return json({ error: 'ERR_APP_NOT_EXIST', hint_msg: 'app not existed is ' });
      return json({ error: 'ERR_INVALID_PARAMETERS', hint_msg: 'invalid file_provider' });
    },
    'meta/app/start_compaction': (_query, _method, body) => {
      const parsed = jsonBody(body);
      if (!parsed.ok) return parsed.reply;
      const request = parsed.value;
      if (!request.app_name) return text(400, 'app_name should not be empty');
      if (request.type !== 'once' && request.type !== 'periodic') return text(400, "type should ony be 'once' or 'periodic'");
      return json({ error: 'ERR_OK', hint_message: '' });
    },
    'meta/app/usage_scenario': (_query, _method, body) => {
      const parsed = jsonBody(body);
      if (!parsed.ok) return parsed.reply;
      const request = parsed.value;
      if (!request.app_name) return text(400, 'app_name should not be empty');
      if (request.scenario !== 'normal' && request.scenario !== 'bulk_load')
        return text(400, "scenario should ony be 'normal' or 'bulk_load'");
      return json(
        findTable(String(request.app_name))
          ? { error: 'ERR_OK', hint_message: '' }
          : { error: 'ERR_APP_NOT_EXIST', hint_message: 'app cannot be found' },
      );
    },
    'meta/backup_policy': () => text(404, 'cold_backup_disabled'),
    'envs/list': () =>
      json({ 'replica.slow_query_threshold': { limitation: '>= 20', sample: '1000', type: 'unsigned int64' } }, 'nlohmann_indent2'),
  };
}

/** The ReplicaServer's calls. */
function replicaHandlers(): Record<string, Handler> {
  const appId = (query: Map<string, string>, name: string): number | Reply => {
    if (!query.has(name)) return text(400, `${name} should not be empty`);
    const raw = query.get(name)!;
    return /^\d+$/.test(raw) ? Number(raw) : text(400, `invalid ${name}=${raw}`);
  };
  return {
    'replica/data_version': (query) => {
      const id = appId(query, 'app_id');
      if (typeof id !== 'number') return id;
      const table = TABLES.find((t) => t.app_id === id);
      if (!table) return text(404, `app_id=${query.get('app_id')} not found`);
      return json(
        Object.fromEntries(Array.from({ length: table.partition_count }, (_, i) => [String(i), { data_version: '1' }])),
        'nlohmann',
      );
    },
    'replica/manual_compaction': (query) => {
      const id = appId(query, 'app_id');
      if (typeof id !== 'number') return id;
      return json(
        { status: { finished: 0, idle: TABLES.find((t) => t.app_id === id)?.partition_count ?? 0, queuing: 0, running: 0 } },
        'nlohmann',
      );
    },
    'replica/duplication': (query) => {
      const id = appId(query, 'appid');
      if (typeof id !== 'number') return id;
      return text(404, `no duplication assigned for app [appid=${id}]`);
    },
  };
}

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts one fake server. `handlers` answer the normalised paths; `redirectTo`, for a standby,
 * redirects the /meta/* calls there as a standby does.
 */
async function startServer(
  handlers: Record<string, Handler>,
  listing: Record<string, string>,
  redirectTo?: () => string,
): Promise<FakeServer> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'POST') return request.socket.destroy();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = route(request.method!, request.url ?? '/', Buffer.concat(chunks).toString('utf8'));
      const body = Buffer.from(reply.body ?? '', 'utf8');
      response.sendDate = false;
      response.removeHeader('Connection');
      response.removeHeader('Keep-Alive');
      response.writeHead(reply.status, STATUS_TEXT[reply.status] ?? 'OK', {
        'Content-Type': reply.contentType ?? 'text/plain',
        'Content-Length': body.length,
        ...(reply.location ? { Location: reply.location } : {}),
      });
      response.end(body);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  function route(method: string, target: string, body: string): Reply {
    const parsed = parsePegasusTarget(target);
    if (!parsed.ok) return text(400, requestParseErrorBody(parsed.error));
    const { path, query } = parsed;
    if (path === '') return json(listing);
    const handler = handlers[path];
    if (!handler) return text(404, serviceNotFoundBody(path));
    if (redirectTo && path.startsWith('meta/')) return { status: 307, body: '', location: standbyLocation(redirectTo(), path, query) };
    return handler(query, method, body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listingOf(paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.sort().map((path) => [path, HELP[path] ?? 'A call of a newer release.']));
}

export interface FakeCluster {
  primary: FakeServer;
  standby: FakeServer;
  replica: FakeServer;
  close(): Promise<void>;
}

/** Starts a primary MetaServer, a standby that redirects to it, and a ReplicaServer. */
export async function startFakeCluster(drift: Drift = {}): Promise<FakeCluster> {
  const common = commonHandlers(drift);
  const meta = { ...common, ...metaHandlers(drift) };
  const metaPaths = ['/', ...Object.keys(meta).map((p) => `/${p}`)].filter((p) => !(drift.missingFromListing && p === '/meta/nodes'));
  if (drift.extraInListing) metaPaths.push('/meta/app/split');
  const metaListing = listingOf(metaPaths);
  const replica = { ...common, ...replicaHandlers() };
  const replicaListing = listingOf(['/', ...Object.keys(replica).map((p) => `/${p}`)]);
  const primary = await startServer(meta, metaListing);
  const standby = await startServer(meta, metaListing, drift.standbyAnswers ? undefined : () => primary.url);
  const replicaServer = await startServer(replica, replicaListing);
  return {
    primary,
    standby,
    replica: replicaServer,
    close: async () => void (await Promise.all([primary.close(), standby.close(), replicaServer.close()])),
  };
}

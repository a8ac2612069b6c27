// The help string each release registers for each call, as its `GET /` lists them (research §1.1,
// §2.2; master from its source): the listing is the calls a server registers, keyed in byte order.
import type { Release } from '@pegasus-http/spec';

const MASTER: Record<string, string> = {
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

// v2.5.0: raw help strings, most an example URL (v2.5.0:src/http/builtin_http_calls.cpp:82-108,
// src/meta/meta_http_service.h:70-133, src/replica/replica_http_service.h:39-51, src/http/pprof_http_service.h:40-64).
const V2_5_0: Record<string, string> = {
  '/': 'Lists all supported calls',
  '/config': 'get the details of a specified config',
  '/configs': 'list all configs',
  '/meta/app': 'ip:port/meta/app?app_name=temp',
  '/meta/app/duplication': 'ip:port/meta/app/duplication?name=<app_name>',
  '/meta/app/query_bulk_load': 'ip:port/meta/query_bulk_load?name=temp',
  '/meta/app/start_bulk_load': 'ip:port/meta/start_bulk_load',
  '/meta/app/start_compaction': 'ip:port/meta/start_compaction',
  '/meta/app/usage_scenario': 'ip:port/meta/app/usage_scenario',
  '/meta/app_envs': 'ip:port/meta/app_envs?name=temp',
  '/meta/apps': 'ip:port/meta/apps',
  '/meta/backup_policy': 'ip:port/meta/backup_policy',
  '/meta/cluster': 'ip:port/meta/cluster',
  '/meta/nodes': 'ip:port/meta/nodes',
  '/perfCounter': 'Gets the value of a perf counter',
  '/pprof/cmdline': 'ip:port/pprof/cmdline',
  '/pprof/growth': 'ip:port/pprof/growth',
  '/pprof/heap': 'ip:port/pprof/heap',
  '/pprof/profile': 'ip:port/pprof/profile',
  '/pprof/symbol': 'ip:port/pprof/symbol',
  '/recentStartTime': 'Gets the server start time.',
  '/replica/data_version': 'ip:port/replica/data_version?app_id=<app_id>',
  '/replica/duplication': 'ip:port/replica/duplication?appid=<appid>',
  '/replica/manual_compaction': 'ip:port/replica/maual_compaction?app_id=<app_id>',
  '/updateConfig': 'ip:port/updateConfig?<key>=<value>',
  '/version': 'Gets the server version.',
};

// v2.4.0: as v2.5.0, but /updateConfig is a builtin with its own help (v2.4.0:src/rdsn/src/http/builtin_http_calls.cpp:95-98).
const V2_4_0: Record<string, string> = { ...V2_5_0, '/updateConfig': 'Updates the value of a config' };

const HELP: Record<Release, Record<string, string>> = { master: MASTER, 'v2.5.0': V2_5_0, 'v2.4.0': V2_4_0 };

/** The root listing of the paths a server registers: in byte order of the path, as `std::map` keeps them. */
export function listingOf(release: Release, paths: string[]): Record<string, string> {
  const sorted = [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted.map((path) => [path, HELP[release][path] ?? 'A call of a newer release.']));
}

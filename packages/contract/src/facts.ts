// What the kit learns of the cluster to query it (part of discovery): a table and its app id from
// the primary's /meta/apps, the table's usage scenario, and flags from /configs. Whatever a server
// answers, only plain names and values are taken (bounded, such as Pegasus gives its tables and
// flags); anything else is ignored, and the probes that need it are skipped.
import { jsonOf } from './http.js';
import { send, type Transport } from './transport.js';

/** What the kit has learnt about the cluster before probing it. */
export interface ClusterFacts {
  /** A table to query: chosen with --table, or the first user table of /meta/apps. */
  table?: { name: string; appId: string };
  /** A configuration flag that exists, and a mutable one with its current value. */
  flag?: string;
  mutableFlag?: { name: string; value: string };
  /** The table's current usage scenario (`normal` when it has none). */
  usageScenario?: string;
}

const NAME = /^[\w.:-]{1,128}$/;
const VALUE = /^[\w.:-]{0,128}$/;
const APP_ID = /^\d{1,10}$/;

/** The flag the probes read when the server lists it. */
const PREFERRED_FLAG = 'config_sync_interval_ms';

const fits = (pattern: RegExp, value: unknown): value is string => typeof value === 'string' && pattern.test(value);

/** Whether a value is a JSON object (not null, not an array). */
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The members of a JSON object that are objects themselves, with their names, one at a time. */
function* objectsIn(value: unknown): Generator<[string, Record<string, unknown>]> {
  if (!isObject(value)) return;
  for (const name in value) {
    const member = value[name];
    if (Object.hasOwn(value, name) && isObject(member)) yield [name, member];
  }
}

/** The tables /meta/apps lists with a plain name and an app id. */
function tablesOf(apps: unknown): { name: string; appId: string }[] {
  const info = (apps as { general_info?: unknown } | undefined)?.general_info;
  return [...objectsIn(info)].flatMap(([, t]) =>
    fits(NAME, t.app_name) && fits(APP_ID, t.app_id) ? [{ name: t.app_name, appId: t.app_id }] : [],
  );
}

/** A table (the one asked for, else the first user table) and its usage scenario, from the primary. */
async function learnTable(transport: Transport, primary: string, wanted: string | undefined, notes: string[]): Promise<ClusterFacts> {
  const tables = tablesOf(jsonOf(await send(transport, { server: primary, method: 'GET', target: '/meta/apps' })));
  const table = wanted ? tables.find((t) => t.name === wanted) : (tables.find((t) => !t.name.startsWith('__')) ?? tables[0]);
  if (!table) {
    if (wanted) notes.push(`There is no available table named ${wanted}: the probes that need a table are skipped.`);
    return {};
  }
  const target = `/meta/app_envs?name=${encodeURIComponent(table.name)}`;
  const scenario = jsonOf<Record<string, unknown>>(await send(transport, { server: primary, method: 'GET', target }))?.[
    'rocksdb.usage_scenario'
  ];
  return { table, usageScenario: fits(NAME, scenario) ? scenario : 'normal' };
}

/** A flag that exists (config_sync_interval_ms when there), and a mutable integer or boolean flag with its value. */
async function learnFlags(transport: Transport, server: string): Promise<ClusterFacts> {
  const configs = jsonOf(await send(transport, { server, method: 'GET', target: '/configs' }));
  const facts: ClusterFacts = {};
  // Read member by member, stopping once both are found: a server may list a great many.
  for (const [name, f] of objectsIn(configs)) {
    if (!NAME.test(name)) continue;
    facts.flag ??= name;
    if (f.tags === 'flag_tag::FT_MUTABLE' && f.type !== 'FV_STRING' && f.type !== 'FV_DOUBLE' && fits(VALUE, f.value)) {
      facts.mutableFlag = { name, value: String(f.value) };
      break;
    }
  }
  if (isObject(configs) && Object.hasOwn(configs, PREFERRED_FLAG) && isObject(configs[PREFERRED_FLAG])) facts.flag = PREFERRED_FLAG;
  return facts;
}

/** The table and flags to query: the table from the primary, the flags from it too, else from a ReplicaServer that answered. */
export async function learnFacts(
  transport: Transport,
  sources: { primary?: string; replica?: string },
  wanted: string | undefined,
  notes: string[],
): Promise<ClusterFacts> {
  const flagsFrom = sources.primary ?? sources.replica;
  return {
    ...(sources.primary ? await learnTable(transport, sources.primary, wanted, notes) : {}),
    ...(flagsFrom ? await learnFlags(transport, flagsFrom) : {}),
  };
}

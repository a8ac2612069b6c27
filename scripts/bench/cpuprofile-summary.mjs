// Summarises a V8 CPU profile (`node --cpu-prof`): where the time went, by package and by function.
// Usage: node scripts/bench/cpuprofile-summary.mjs <file.cpuprofile> [--top 20]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package (or Node internal, or program part) a profiled function's URL belongs to. */
export function ownerOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const nodeModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (nodeModules) return nodeModules.at(-1).replace('node_modules/', '');
  const workspace = url.match(/\/(packages|apps|scripts)\/([^/]+)/);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url.replace(/^file:\/\//, '');
}

/** A function's name and place, e.g. `coreFetch openapi-fetch/dist/index.mjs:23`. */
export function functionName(callFrame) {
  return `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|apps|scripts)\//, '$1/')}:${callFrame.lineNumber + 1}`;
}

/**
 * From a parsed .cpuprofile: self time (ms) by package and by function, inclusive time by function
 * (the time spent in it and in what it called), the time the thread was busy and the total.
 */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfUs = new Map();
  // timeDeltas[i] is the time before samples[i]: charge it to that sample's node.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const packages = new Map();
  const functions = new Map();
  const inclusive = new Map();
  let total = 0;
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    total += us;
    if (callFrame.functionName === '(idle)') continue;
    busy += us;
    const owner = callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : ownerOf(callFrame.url);
    packages.set(owner, (packages.get(owner) ?? 0) + us);
    const name = functionName(callFrame);
    functions.set(name, (functions.get(name) ?? 0) + us);
    const seen = new Set();
    for (let node = id; node !== undefined; node = parents.get(node)) {
      const frame = functionName(byId.get(node).callFrame);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + us);
    }
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, busyMs: busy / 1000, packages: sorted(packages), functions: sorted(functions), inclusive: sorted(inclusive) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 20;
  if (!file) {
    console.error('Usage: node scripts/bench/cpuprofile-summary.mjs <file.cpuprofile> [--top 20]');
    process.exit(2);
  }
  const { totalMs, busyMs, packages, functions, inclusive } = summarise(JSON.parse(readFileSync(file, 'utf8')));
  console.log(`profile: ${totalMs.toFixed(0)} ms sampled, ${busyMs.toFixed(0)} ms busy\n\nself time by package:`);
  for (const { name, ms } of packages.slice(0, top)) console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`);
  console.log('\nself time by function:');
  for (const { name, ms } of functions.slice(0, top)) console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`);
  console.log('\ninclusive time by function:');
  for (const { name, ms } of inclusive.slice(0, top)) console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`);
}

// A cold full build and a fully cached one, in a copy of the working tree, with turbo.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatMs, formatNumber, median, progress, ROOT, runCommand } from './lib.mjs';
import { row } from './report.mjs';

const GOAL_COLD_MS = 15_000;
const GOAL_CACHED_MS = 1_000;
// Caches of other tools that npm ci would not bring: a cold build must not find them.
const NOT_COPIED = ['.vite', '.vite-temp', '.cache'];
export const title = 'Builds';

export function how({ coldRuns, cachedRuns }) {
  return `A cold build is one with nothing built and nothing cached, as after \`git clone && npm ci\`: the working tree is copied to a temporary folder (the files git sees: tracked and untracked but not ignored, so no \`dist/\`, \`.turbo/\`, generated sources or \`*.tsbuildinfo\`; with \`.git\`, so that turbo hashes as in a clone), \`node_modules\` is copied as installed (without tool caches such as \`.vite-temp\`), and \`npx turbo run build\` is timed there, wall clock, from spawn to exit. Turbo's local cache lives in the copy's \`.turbo/\`, so it starts empty. This measures the build of the uncommitted work as well, which \`git clone\` of the repository would not. ${coldRuns} cold runs, each in a fresh copy, median. The fully cached build is \`npx turbo run build\` run again right after, in the same copy, which must print "FULL TURBO": ${cachedRuns} runs, median. The baseline of both is \`npx turbo --version\` in the same copy (${cachedRuns} runs, median): the fixed cost of starting npx and turbo, which no build can go below. Per-task times come from turbo's \`--summarize\` report of the cold run of median time.`;
}

const TURBO_ENV = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0', NO_COLOR: '1' };

/** Copies a node_modules folder, without the caches of other tools. */
function copyModules(from, to) {
  execFileSync('cp', ['-a', from, to]);
  for (const name of NOT_COPIED) rmSync(join(to, name), { recursive: true, force: true });
}

/** A copy of the working tree as a fresh clone plus `npm ci` would have it, before any build. */
function makeTemplate(directory) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
    .split('\0')
    .filter(Boolean);
  mkdirSync(directory, { recursive: true });
  execFileSync('cp', ['-a', join(ROOT, '.git'), join(directory, '.git')]);
  let copied = 0;
  for (const file of files) {
    const source = join(ROOT, file);
    if (!existsSync(source)) continue; // deleted in the working tree
    mkdirSync(dirname(join(directory, file)), { recursive: true });
    copyFileSync(source, join(directory, file));
    copied++;
  }
  // node_modules of the root and of each workspace, as installed.
  const modules = ['node_modules'];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(ROOT, group))) if (existsSync(join(ROOT, group, name, 'node_modules'))) modules.push(join(group, name, 'node_modules'));
  }
  for (const folder of modules) {
    mkdirSync(dirname(join(directory, folder)), { recursive: true });
    copyModules(join(ROOT, folder), join(directory, folder));
  }
  return { files: copied, modules: modules.length };
}

async function turbo(directory, args) {
  return runCommand('npx', ['turbo', ...args], { cwd: directory, env: TURBO_ENV, timeoutMs: 300_000 });
}

/** Per-task durations from the newest `turbo run --summarize` report in the copy. */
function taskTimes(directory) {
  const runs = join(directory, '.turbo', 'runs');
  if (!existsSync(runs)) return [];
  const [latest] = readdirSync(runs).filter((name) => name.endsWith('.json')).sort().reverse();
  if (!latest) return [];
  const summary = JSON.parse(readFileSync(join(runs, latest), 'utf8'));
  const tasks = (summary.tasks ?? []).filter((task) => task.execution);
  const origin = Math.min(...tasks.map((task) => task.execution.startTime));
  return tasks
    .map((task) => ({ task: task.taskId, dependencies: task.dependencies ?? [], start: task.execution.startTime - origin, end: task.execution.endTime - origin, ms: task.execution.endTime - task.execution.startTime }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Each task's time and when it ran: `@pegasus-http/spec#build 6.0 s (0–6.0 s)`. */
function taskTimeline(tasks) {
  const seconds = (ms) => formatNumber(ms / 1000, 1);
  return tasks.map(({ task, start, end, ms }) => `${task} ${formatMs(ms)} (${seconds(start)}–${seconds(end)} s)`).join(', ');
}

/** The chain of dependent tasks with the most time in it (each task's own time, as it ran): the floor of a build with unlimited cores. */
function criticalChain(tasks) {
  const byId = new Map(tasks.map((task) => [task.task, task]));
  const longest = new Map();
  const chainOf = (task) => {
    if (!longest.has(task.task)) {
      const before = task.dependencies.map((id) => byId.get(id)).filter(Boolean).map(chainOf).sort((a, b) => b.ms - a.ms)[0] ?? { ms: 0, tasks: [] };
      longest.set(task.task, { ms: before.ms + task.ms, tasks: [...before.tasks, task.task] });
    }
    return longest.get(task.task);
  };
  return tasks.map(chainOf).sort((a, b) => b.ms - a.ms)[0] ?? { ms: NaN, tasks: [] };
}

/** The scripts of each workspace package (packages/*, apps/*), by package name, and the root's as `//`'s. */
function workspaceScripts(directory) {
  const scripts = new Map([['//', JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).scripts ?? {}]]);
  for (const group of ['packages', 'apps']) {
    for (const folder of readdirSync(join(directory, group))) {
      const file = join(directory, group, folder, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      scripts.set(manifest.name, manifest.scripts ?? {});
    }
  }
  return scripts;
}

/**
 * Each task's own CPU time: its package's build script run alone, one after the other in the
 * order turbo started them, in a copy that is already built (so that what a task reads is there).
 */
async function cpuPerTask(directory, tasks) {
  const used = [];
  const scripts = workspaceScripts(directory);
  for (const { task } of tasks) {
    const [name, script] = task.split('#');
    // `//#compile` is a script of the repository's root package.
    const command = scripts.get(name)?.[script];
    if (command === undefined) continue; // a task with no script of its own (one that only waits for others)
    progress(`build: ${task} alone, for its CPU time`);
    // `tsc -b` does nothing when what it would write is up to date, as it is here: --force.
    const extra = command.startsWith('tsc -b') ? ['--', '--force'] : [];
    const result = await runCommand('npm', ['run', script, ...(name === '//' ? [] : ['--workspace', name]), ...extra], { cwd: directory, env: TURBO_ENV, timeoutMs: 300_000 });
    if (result.code !== 0) throw new Error(`${task} failed when run alone (exit ${result.code}):\n${result.output.slice(-2000)}`);
    used.push({ task, command, cpuMs: result.cpuMs, ms: result.ms });
  }
  const total = used.reduce((sum, { cpuMs }) => sum + cpuMs, 0);
  const list = used
    .sort((a, b) => b.cpuMs - a.cpuMs)
    .map(({ task, command, cpuMs, ms }) => `${task} ${formatMs(cpuMs)} (${formatMs(ms)} wall${command ? `; \`${command}\`` : ''})`)
    .join(', ');
  return `Run alone, one after the other, the tasks used ${formatMs(total)} of CPU: ${list}.`;
}

/** The time turbo itself reports at the end of a run (`Time: 153ms >>> FULL TURBO`), in ms. */
function turboReportedMs(output) {
  const match = output.match(/Time:\s+([\d.]+)(ms|s)\b/);
  return match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : NaN;
}

export async function run({ quick = false } = {}) {
  const coldRuns = quick ? 1 : 3;
  const cachedRuns = quick ? 2 : 5;
  const work = mkdtempSync(join(tmpdir(), 'pegasus-bench-build-'));
  const template = join(work, 'template');
  try {
    progress('build: copying the working tree and node_modules to a temporary folder');
    const copied = makeTemplate(template);
    const cold = [];
    const coldCpu = [];
    const cached = [];
    const baseline = [];
    const turboCached = [];
    let last;
    const runTasks = [];
    for (let i = 0; i < coldRuns; i++) {
      last = join(work, `run-${i + 1}`);
      // Hard links: a fresh tree in a moment, sharing the template's files (the build writes new files only).
      execFileSync('cp', ['-al', template, last]);
      progress(`build: cold \`npx turbo run build\`, run ${i + 1}/${coldRuns}`);
      const result = await turbo(last, ['run', 'build', '--summarize']);
      if (result.code !== 0) throw new Error(`the cold build failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
      if (!/Cached:\s+0 cached/.test(result.output)) throw new Error(`the "cold" build found something in a cache:\n${result.output.slice(-1500)}`);
      cold.push(result.ms);
      coldCpu.push(result.cpuMs);
      runTasks.push(taskTimes(last));
      if (i < coldRuns - 1) rmSync(last, { recursive: true, force: true });
    }
    for (let i = 0; i < cachedRuns; i++) {
      progress(`build: cached \`npx turbo run build\`, run ${i + 1}/${cachedRuns}, and \`npx turbo --version\``);
      const result = await turbo(last, ['run', 'build']);
      if (result.code !== 0 || !result.output.includes('FULL TURBO')) throw new Error(`the second build was not fully cached (exit ${result.code}):\n${result.output.slice(-3000)}`);
      cached.push(result.ms);
      turboCached.push(turboReportedMs(result.output));
      const version = await turbo(last, ['--version']);
      if (version.code !== 0) throw new Error(`npx turbo --version failed: ${version.output}`);
      baseline.push(version.ms);
    }
    const fixed = median(baseline);
    const coldRow = row({ figure: 'cold full build (`npx turbo run build`)', measured: median(cold), baseline: fixed, unit: 'ms', goal: `≤ ${formatMs(GOAL_COLD_MS)}`, met: median(cold) <= GOAL_COLD_MS, baselineLabel: '`npx turbo --version`' });
    const cachedRow = row({ figure: 'fully cached build ("FULL TURBO")', measured: median(cached), baseline: fixed, unit: 'ms', goal: `≤ ${formatMs(GOAL_CACHED_MS)}`, met: median(cached) <= GOAL_CACHED_MS, baselineLabel: '`npx turbo --version`' });
    // The tasks of the cold run whose time is the median: a typical run, not the last one.
    const typical = cold.indexOf([...cold].sort((a, b) => a - b)[Math.floor((cold.length - 1) / 2)]);
    const tasks = runTasks[typical];
    const taskText = taskTimeline(tasks);
    const taskTotal = tasks.reduce((total, task) => total + task.ms, 0);
    const chain = criticalChain(tasks);
    const cores = cpus().length;
    const cpu = coldCpu[typical];
    const cpuText = Number.isFinite(cpu)
      ? ` In all its processes that cold build used ${formatMs(cpu)} of CPU (user and system time, from /proc): on ${cores} cores no order of the tasks can end in less than ${formatMs(cpu / cores)}.`
      : '';
    if (!coldRow.met) {
      coldRow.why = `turbo runs a task once the tasks it depends on are done, as many at once as it can, on ${cores} cores. In the cold run of median time the tasks took ${formatMs(taskTotal)} in all; each one, with when it ran from turbo's start: ${taskText}.${chain.tasks.length ? ` The longest chain of tasks that wait for each other, ${chain.tasks.join(' → ')}, took ${formatMs(chain.ms)} as they ran here: the build can be no shorter than that chain, and on ${cores} cores the tasks that run beside it slow it down.` : ''}${cpuText}`;
      if (Number.isFinite(cpu)) coldRow.why += ` ${await cpuPerTask(last, tasks)}`;
    }
    if (!cachedRow.met) cachedRow.why = `of the ${formatMs(median(cached))}, turbo itself reports ${formatMs(median(turboCached))} (hashing the inputs and restoring ${tasks.length} tasks' outputs); the rest is starting npx and turbo, which \`npx turbo --version\` alone takes ${formatMs(fixed)}.`;
    const details = [
      `copied ${copied.files} files and ${copied.modules} node_modules folders.`,
      `cold runs: ${cold.map(formatMs).join(', ')} (CPU, all processes: ${coldCpu.map(formatMs).join(', ')}); per task in the run of median time (with when it ran): ${taskText}.`,
      `cached runs: ${cached.map(formatMs).join(', ')} (turbo's own \`Time:\` ${turboCached.map(formatMs).join(', ')}); \`npx turbo --version\`: ${baseline.map(formatMs).join(', ')}.`,
    ];
    return { rows: [coldRow, cachedRow], details, how: how({ coldRuns, cachedRuns }) };
  } finally {
    progress('build: removing the temporary copies');
    rmSync(work, { recursive: true, force: true });
  }
}

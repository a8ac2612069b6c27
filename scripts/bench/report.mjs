// The results: one row per figure, printed as a table and written to BENCHMARKS.md.
import { cpus, freemem, release, totalmem, type, arch } from 'node:os';
import { readFileSync } from 'node:fs';
import { formatMs, formatNumber } from './lib.mjs';

/**
 * A row of the table. `measured` and `baseline` are numbers in `unit` ('ms', 'µs' or 'req/s');
 * the ratio is measured / baseline; `met` is true, false, or null when the figure was not
 * measured (then `skipped` says why).
 */
export function row({ figure, measured, baseline, unit, goal, met, baselineLabel, skipped, why, resolution }) {
  // A baseline below what the measure can resolve (autocannon's latencies are whole milliseconds)
  // is shown as "< resolution", and the ratio as "≥" the ratio to the resolution.
  const belowResolution = resolution !== undefined && baseline < resolution;
  return {
    figure,
    measured,
    baseline,
    unit,
    goal,
    met: skipped ? null : met,
    baselineLabel,
    skipped,
    why,
    resolution: belowResolution ? resolution : undefined,
    ratio: measured / (belowResolution ? resolution : baseline),
  };
}

export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') return formatMs(value);
  if (unit === 'µs') return `${formatNumber(value, value < 10 ? 1 : 0)} µs`;
  return `${formatNumber(value)} ${unit}`;
}

function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `${formatNumber(ratio, ratio < 10 ? 2 : ratio < 100 ? 1 : 0)}×`;
}

function cells(entry) {
  if (entry.skipped) return [entry.figure, 'n/a', '', '', entry.goal, entry.skipped.startsWith('failed') ? 'failed' : 'skipped'];
  return [
    entry.figure,
    formatValue(entry.measured, entry.unit),
    `${entry.resolution ? `< ${formatValue(entry.resolution, entry.unit)}` : formatValue(entry.baseline, entry.unit)}${entry.baselineLabel ? ` (${entry.baselineLabel})` : ''}`,
    `${entry.resolution ? '≥ ' : ''}${formatRatio(entry.ratio)}`,
    entry.goal,
    entry.met ? 'yes' : 'NO',
  ];
}

const HEADER = ['figure', 'measured', 'baseline', 'ratio', 'goal', 'met?'];

/** The table for a terminal: aligned columns, no Markdown. */
export function textTable(rows) {
  const lines = [HEADER, ...rows.map(cells)].map((line) => line.map((cell) => cell.replaceAll('`', '')));
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const format = (line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [format(lines[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.slice(1).map(format)].join('\n');
}

export function markdownTable(rows) {
  const escape = (cell) => cell.replaceAll('|', '\\|');
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...rows.map((entry) => `| ${cells(entry).map(escape).join(' | ')} |`)].join('\n');
}

function osName() {
  try {
    const pretty = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m);
    if (pretty) return `${pretty[1]} (${type()} ${release()}, ${arch()})`;
  } catch {
    // Not Linux: the kernel's name will do.
  }
  return `${type()} ${release()} (${arch()})`;
}

/** The machine, as BENCHMARKS.md states it. */
export function machine() {
  const list = cpus();
  const models = [...new Set(list.map((cpu) => cpu.model.trim()))].join(', ');
  return {
    cpu: `${models} × ${list.length}`,
    memory: `${formatNumber(totalmem() / 2 ** 30, 1)} GiB (${formatNumber(freemem() / 2 ** 30, 1)} GiB free at the start)`,
    node: process.version,
    os: osName(),
  };
}

/** What went wrong, one line per missed goal, for the end of the run and BENCHMARKS.md. */
export function missedGoals(rows) {
  return rows.filter((entry) => entry.met === false).map((entry) => ({ figure: entry.figure, why: entry.why ?? 'no explanation was found by the benchmark itself' }));
}

export function benchmarksMarkdown({ rows, sections, started, durationMs, host, load }) {
  const missed = missedGoals(rows);
  const skipped = rows.filter((entry) => entry.skipped);
  const lines = [
    '# Benchmarks',
    '',
    'The last published results of `npm run bench` ([`scripts/bench.mjs`](scripts/bench.mjs); how to run it: [`scripts/README.md`](scripts/README.md)). Each figure is set against a baseline measured in the same run on the same machine, and the ratio is measured ÷ baseline. The goals are those of issue 7.',
    '',
    `- **Date:** ${started.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (the run took ${formatMs(durationMs)})`,
    `- **CPU:** ${host.cpu}`,
    `- **Memory:** ${host.memory}`,
    `- **Node.js:** ${host.node}`,
    `- **OS:** ${host.os}`,
    `- **Load average** (1, 5, 15 min) at the start: ${load.start.map((value) => formatNumber(value, 2)).join(', ')}; at the end: ${load.end.map((value) => formatNumber(value, 2)).join(', ')}. On a 2-core machine a load above 1 means something else was running: read the figures with that in mind.`,
    '',
    markdownTable(rows),
    '',
  ];
  if (missed.length) {
    lines.push('## Goals missed, and why', '');
    for (const { figure, why } of missed) lines.push(`- **${figure}**: ${why}`);
    lines.push('');
  }
  if (skipped.length) {
    lines.push('## Not measured in this run', '');
    for (const entry of skipped) lines.push(`- **${entry.figure}**: ${entry.skipped}`);
    lines.push('');
  }
  lines.push('## How each figure is measured', '');
  for (const section of sections) {
    lines.push(`### ${section.title}`, '', section.how, '');
    if (section.details?.length) {
      lines.push('Details of this run:', '');
      for (const detail of section.details) lines.push(`- ${detail}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

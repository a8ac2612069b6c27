// What the benchmarks share: statistics, child processes, raw HTTP exchanges, progress lines.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));

/** A progress line, on stderr so that the table on stdout stays clean. */
export function progress(message) {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${time}] ${message}\n`);
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `node args…` and resolves once a line of its stdout matches `ready`, with the match, the
 * milliseconds since the spawn, and a `stop()` that ends that process (and waits for it).
 */
export function spawnNode(args, { ready, cwd = ROOT, env = process.env, timeoutMs = 30_000, nodeOptions = [] } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptions, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop('SIGKILL');
      reject(new Error(`node ${args.join(' ')}: not ready after ${timeoutMs} ms\n${stdout}${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(ready);
      if (match && timer) {
        clearTimeout(timer);
        resolve({ match, ms: performance.now() - started, child, stop, output: () => stdout + stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${args.join(' ')} exited with ${code} before it was ready\n${stdout}${stderr}`));
    });
  });
}

// Clock ticks per second of /proc/<pid>/stat's times (100 on Linux almost everywhere).
let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, ms) used so far by this process's children that have ended, their
 * own children included when each waited for its children (cutime and cstime of /proc/self/stat);
 * NaN where /proc is not there.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3 of proc(5), so cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

/**
 * Runs a command to its end; resolves with its exit code, output, wall time in ms and the CPU
 * time in ms it and its descendants used (meaningful when nothing else this process started
 * ends meanwhile).
 */
export function runCommand(command, args, { cwd = ROOT, env = process.env, timeoutMs = 600_000 } = {}) {
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ms: performance.now() - started, cpuMs: childrenCpuMs() - cpuBefore });
    });
  });
}

/** The exact bytes a server answers to `GET path` on a fresh connection (the whole response, head and body). */
export function rawExchange(url, path, { headers = {} } = {}) {
  const { hostname, port } = new URL(url);
  const request = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks = [];
    let expected;
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no complete answer from ${url}${path}`)));
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      const headEnd = bytes.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      if (expected === undefined) {
        const length = bytes.subarray(0, headEnd).toString('latin1').match(/\r\ncontent-length:\s*(\d+)/i);
        if (!length) return socket.destroy(new Error(`${url}${path}: an answer without Content-Length`));
        expected = headEnd + 4 + Number(length[1]);
      }
      if (bytes.length >= expected) {
        socket.end();
        resolve(bytes.subarray(0, expected));
      }
    });
    socket.on('error', reject);
  });
}

/** Splits a raw HTTP/1.1 response into its status line, headers (names as sent) and body. */
export function parseRawResponse(bytes) {
  const headEnd = bytes.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [, status, statusMessage] = statusLine.match(/^HTTP\/1\.1 (\d{3}) ?(.*)$/);
  const headers = headerLines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { status: Number(status), statusMessage, headers, body: bytes.subarray(headEnd + 4) };
}

/** A raw response with the value of its Date header blanked, to compare two answers sent at different times. */
export function withoutDate(bytes) {
  return bytes.toString('latin1').replace(/\r\nDate: [^\r]*/i, '\r\nDate: <date>');
}

/** A number with a fixed count of decimals and thin grouping of thousands. */
export function formatNumber(value, decimals = 0) {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A duration in ms, written in the unit that reads best. */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 120_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  if (ms >= 1000) return `${formatNumber(ms / 1000, ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 10) return `${formatNumber(ms, 0)} ms`;
  if (ms >= 1) return `${formatNumber(ms, 2)} ms`;
  return `${formatNumber(ms * 1000, 0)} µs`;
}

/** CPU time (user + system, ms) a process has used so far, from /proc on Linux; NaN elsewhere. */
export function processCpuMs(pid) {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
// Linux counts CPU time in clock ticks, 100 a second on every common configuration (getconf CLK_TCK).
const CLOCK_TICKS = 100;

// Runs `pegasus-contract` in a child process as a user would, and measures what a run cost: its
// exit status, its wall time, the bytes it printed (counted, only the start kept) and the peak
// resident memory of the kit's own process (test/peak-rss.mjs, preloaded).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/pegasus-contract.mjs', import.meta.url));
const PRELOAD = pathToFileURL(fileURLToPath(new URL('./peak-rss.mjs', import.meta.url))).href;
/** The start of each stream kept for the assertions; the rest is only counted. */
const KEPT = 256 * 1024;

export interface CliRun {
  status: number | null;
  /** Set when the run had to be killed. */
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Every byte written to stdout and stderr. */
  outputBytes: number;
  stdout: string;
  stderr: string;
  /** The kit's peak resident memory, in MiB. */
  peakRssMb: number;
}

function collector() {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    add(chunk: Buffer) {
      if (bytes < KEPT) chunks.push(chunk);
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
    text: () => Buffer.concat(chunks).toString('utf8').slice(0, KEPT),
  };
}

/** Runs the command with these arguments; kills it after `killAfterMs`. */
export function runCli(args: string[], killAfterMs = 170_000): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pegasus-contract-'));
  const rssFile = join(dir, 'peak-rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PEGASUS_CONTRACT_PEAK_RSS: rssFile },
  });
  const out = collector();
  const err = collector();
  child.stdout.on('data', out.add);
  child.stderr.on('data', err.add);
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      let peakKiB = Number.NaN;
      try {
        peakKiB = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // killed before it could write
      }
      rmSync(dir, { recursive: true, force: true });
      const wallMs = Math.round(performance.now() - started);
      const outputBytes = out.bytes + err.bytes;
      resolve({ status, signal, wallMs, outputBytes, stdout: out.text(), stderr: err.text(), peakRssMb: Math.round(peakKiB / 1024) });
    });
  });
}

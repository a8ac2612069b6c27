// The package as published: its exports resolve for ESM consumers with their types (checked by
// @arethetypeswrong/cli on the packed tarball), and its runtime code stays within a size budget.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The gzipped size of the JavaScript files under a folder (types and source maps excluded). */
function gzippedJs(dir: string): number {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
  return gzipSync(Buffer.concat(files.filter((f) => statSync(join(dir, f)).isFile()).map((f) => readFileSync(join(dir, f)))), { level: 9 })
    .length;
}

// The budgets, in bytes of gzip: the client's own code, and with what else it runs: openapi-fetch,
// @pegasus-http/spec's wire module (the transport and the /metrics helper use it) and lossless-json
// (for the exact timestamp_ns of /metrics; its minified build, some 3.6 KiB, is counted). Each was
// raised by 1 KiB for the releases: the client carries the operation table of every release, the
// decoders' schemas of each release where they differ from master's, and the code that picks them
// (some 0.9 KiB in all with today's v2.5.0 and v2.4.0; the rest is room for what they still add).
const OWN_BUDGET = 17 * 1024;
const TOTAL_BUDGET = 29 * 1024;

/** The gzipped size of one file of a dependency, found by its package export. */
function gzippedExport(specifier: string): number {
  return gzipSync(readFileSync(require.resolve(specifier)), { level: 9 }).length;
}

describe('@pegasus-http/client as published', () => {
  it('resolves with types for ESM consumers (arethetypeswrong)', async () => {
    const attw = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [attw, '--pack', '.', '--profile', 'esm-only', '--format', 'json'],
        { cwd: PACKAGE, maxBuffer: 16 * 1024 * 1024 },
        (error, out) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    const report = JSON.parse(stdout) as { analysis: { problems: { kind: string; resolutionKind: string }[] } };
    const problems = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  it(`keeps its runtime code under ${OWN_BUDGET / 1024} KiB gzipped, and ${TOTAL_BUDGET / 1024} KiB with what it runs of its dependencies`, () => {
    const own = gzippedJs(join(PACKAGE, 'dist'));
    const fetchClient = gzipSync(readFileSync(join(dirname(require.resolve('openapi-fetch')), 'index.mjs')), { level: 9 }).length;
    const wire = gzippedExport('@pegasus-http/spec/wire');
    const losslessJson = gzippedExport('lossless-json');
    expect(own).toBeGreaterThan(0);
    expect(wire).toBeGreaterThan(0);
    expect(losslessJson).toBeGreaterThan(0);
    expect(own).toBeLessThanOrEqual(OWN_BUDGET);
    expect(own + fetchClient + wire + losslessJson).toBeLessThanOrEqual(TOTAL_BUDGET);
  });
});

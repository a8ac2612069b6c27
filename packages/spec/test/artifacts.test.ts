// The published artifacts: where other teams find them, that the YAML and dereferenced forms say the
// same as the bundle, and that each one lints clean on its own, exactly as a user would run it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { artifactPath, listOperations, loadDocument, ROLES, type ArtifactKind } from '@pegasus-http/spec';
// @ts-expect-error: a plain ESM script without types
import { lintReports, redocly, REPO_ROOT } from '../scripts/redocly.mjs';

describe.each(ROLES)('%s artifacts', (role) => {
  const bundled = loadDocument(role);

  it('are published under their stable names', () => {
    for (const kind of ['openapi.json', 'openapi.yaml', 'deref.json'] as const) {
      expect(relative(REPO_ROOT, artifactPath(role, kind))).toBe(`packages/spec/dist/${role}.${kind}`);
    }
  });

  it('has a YAML form equal to the JSON form', () => {
    expect(YAML.parse(readFileSync(artifactPath(role, 'openapi.yaml'), 'utf8'))).toEqual(bundled);
  });

  it('has a dereferenced form without any $ref and with the same operations', () => {
    const text = readFileSync(artifactPath(role, 'deref.json'), 'utf8');
    expect(text).not.toContain('"$ref"');
    const deref = loadDocument(role, 'deref.json');
    expect(listOperations(deref).map((o) => o.operationId)).toEqual(listOperations(bundled).map((o) => o.operationId));
  });

  it('has the dereferenced form Redocly itself gives (`bundle --dereferenced --remove-unused-components`)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pegasus-deref-'));
    try {
      await redocly(['bundle', artifactPath(role, 'openapi.json'), '--dereferenced', '--remove-unused-components', '--output', join(out, 'deref.json')], { cwd: out });
      expect(loadDocument(role, 'deref.json')).toEqual(JSON.parse(readFileSync(join(out, 'deref.json'), 'utf8')));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('completes the description with the shared wire-behaviour text', () => {
    expect(bundled.info.description).toContain('## How the server behaves on the wire');
  });
});

// The Chinese artifacts: the English ones with openapi/overlays/zh-CN.yaml applied (see overlay.test.ts).
const TRANSLATED_KINDS = ['openapi.zh-CN.json', 'openapi.zh-CN.yaml', 'deref.zh-CN.json'] as unknown as ArtifactKind[];

describe.each(ROLES)('%s zh-CN artifacts', (role) => {
  const read = (kind: string) => JSON.parse(readFileSync(artifactPath(role, kind as ArtifactKind), 'utf8')) as ReturnType<typeof loadDocument>;

  it('are published under their stable names', () => {
    for (const kind of TRANSLATED_KINDS) expect(relative(REPO_ROOT, artifactPath(role, kind))).toBe(`packages/spec/dist/${role}.${kind}`);
  });

  it('has a YAML form equal to the JSON form, and a dereferenced form with the same operations', () => {
    const translated = read('openapi.zh-CN.json');
    expect(YAML.parse(readFileSync(artifactPath(role, 'openapi.zh-CN.yaml' as ArtifactKind), 'utf8'))).toEqual(translated);
    expect(readFileSync(artifactPath(role, 'deref.zh-CN.json' as ArtifactKind), 'utf8')).not.toContain('"$ref"');
    expect(listOperations(read('deref.zh-CN.json')).map((o) => o.operationId)).toEqual(listOperations(translated).map((o) => o.operationId));
  });

  it('completes the Chinese description with the wire-behaviour text in Chinese', () => {
    const description = String(read('openapi.zh-CN.json').info.description);
    expect(description).toContain('## 服务端在线路上的行为');
    expect(description).not.toContain('How the server behaves on the wire');
  });
});

describe('npx redocly lint on the published artifacts', () => {
  it('reports no problem, with the default configuration', async () => {
    const kinds = ['openapi.json', 'openapi.yaml', 'deref.json', ...TRANSLATED_KINDS] as ArtifactKind[];
    const files = ROLES.flatMap((role) => kinds.map((kind) => relative(REPO_ROOT, artifactPath(role, kind))));
    const reports = (await lintReports(files, { cwd: REPO_ROOT })) as { totals: Record<string, number>; problems: unknown[] }[];
    expect(reports).toHaveLength(files.length);
    for (const report of reports) {
      expect(report.problems).toEqual([]);
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    }
  });
});

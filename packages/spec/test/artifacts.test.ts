// The published artifacts: where other teams find them, that the YAML and dereferenced forms say the
// same as the bundle, and that each one lints clean on its own, exactly as a user would run it.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type ArtifactKind, artifactPath, listOperations, loadDocument, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ESM script without types
import { lintArtifact, REPO_ROOT } from '../scripts/redocly.mjs';

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

  it('completes the description with the shared wire-behaviour text', () => {
    expect(bundled.info.description).toContain('## How the server behaves on the wire');
  });
});

// The Chinese artifacts: the English ones with openapi/overlays/zh-CN.yaml applied (see overlay.test.ts).
const TRANSLATED_KINDS = ['openapi.zh-CN.json', 'openapi.zh-CN.yaml', 'deref.zh-CN.json'] as unknown as ArtifactKind[];

describe.each(ROLES)('%s zh-CN artifacts', (role) => {
  const read = (kind: string) =>
    JSON.parse(readFileSync(artifactPath(role, kind as ArtifactKind), 'utf8')) as ReturnType<typeof loadDocument>;

  it('are published under their stable names', () => {
    for (const kind of TRANSLATED_KINDS) expect(relative(REPO_ROOT, artifactPath(role, kind))).toBe(`packages/spec/dist/${role}.${kind}`);
  });

  it('has a YAML form equal to the JSON form, and a dereferenced form with the same operations', () => {
    const translated = read('openapi.zh-CN.json');
    expect(YAML.parse(readFileSync(artifactPath(role, 'openapi.zh-CN.yaml' as ArtifactKind), 'utf8'))).toEqual(translated);
    expect(readFileSync(artifactPath(role, 'deref.zh-CN.json' as ArtifactKind), 'utf8')).not.toContain('"$ref"');
    expect(listOperations(read('deref.zh-CN.json')).map((o) => o.operationId)).toEqual(
      listOperations(translated).map((o) => o.operationId),
    );
  });

  it('completes the Chinese description with the wire-behaviour text in Chinese', () => {
    const description = String(read('openapi.zh-CN.json').info.description);
    expect(description).toContain('## 服务端在线路上的行为');
    expect(description).not.toContain('How the server behaves on the wire');
  });
});

describe('lint of each published artifact on its own', () => {
  const kinds = ['openapi.json', 'openapi.yaml', 'deref.json', ...TRANSLATED_KINDS] as ArtifactKind[];
  it.each(ROLES.flatMap((role) => kinds.map((kind) => [role, kind] as const)))(
    '%s %s: no problem with the default (recommended) rules',
    async (role, kind) => {
      const report = (await lintArtifact(artifactPath(role, kind))) as { totals: Record<string, number>; problems: unknown[] };
      expect(report.problems).toEqual([]);
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    },
  );
});

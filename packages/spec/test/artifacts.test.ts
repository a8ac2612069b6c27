// The published artifacts of every release: where other teams find them (stable paths, package
// exports), that the YAML and dereferenced forms say the same as the bundle, and that each one
// lints clean on its own, as a user would lint it.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type ArtifactKind, artifactPath, listOperations, loadDocument, type OpenApiDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ESM script without types
import { lintArtifact, REPO_ROOT } from '../scripts/redocly.mjs';

const KINDS = ['openapi.json', 'openapi.yaml', 'deref.json'] as const;
const TRANSLATED_KINDS = ['openapi.zh-CN.json', 'openapi.zh-CN.yaml', 'deref.zh-CN.json'] as unknown as ArtifactKind[];
const ALL_KINDS = [...KINDS, ...TRANSLATED_KINDS] as ArtifactKind[];
const CASES = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));
const folder = (release: string) => (release === 'master' ? '' : `${release}/`);
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
const exports = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> })
  .exports;

describe.each(CASES)('%s %s artifacts', (release, role) => {
  it('are published under their stable names, and exported by the package by those names', () => {
    for (const kind of ALL_KINDS) {
      const path = artifactPath(role, kind, release);
      expect(relative(REPO_ROOT, path)).toBe(`packages/spec/dist/${folder(release)}${role}.${kind}`);
      expect(exports[`./${folder(release)}${role}.${kind}`]).toBe(`./dist/${folder(release)}${role}.${kind}`);
    }
  });

  it.each(['', '.zh-CN'])('have YAML and dereferenced forms that say the same as the bundle (%s)', (language) => {
    const bundled = read(artifactPath(role, `openapi${language}.json` as ArtifactKind, release));
    expect(YAML.parse(readFileSync(artifactPath(role, `openapi${language}.yaml` as ArtifactKind, release), 'utf8'))).toEqual(bundled);
    const text = readFileSync(artifactPath(role, `deref${language}.json` as ArtifactKind, release), 'utf8');
    expect(text).not.toContain('"$ref"');
    expect(listOperations(JSON.parse(text)).map((o) => o.operationId)).toEqual(listOperations(bundled).map((o) => o.operationId));
  });

  it('complete the description with the shared wire-behaviour text, in English and in Chinese', () => {
    expect(loadDocument(role, 'openapi.json', release).info.description).toContain('## How the server behaves on the wire');
    const chinese = String(read(artifactPath(role, 'openapi.zh-CN.json' as ArtifactKind, release)).info.description);
    expect(chinese).toContain('## 服务端在线路上的行为');
    expect(chinese).not.toContain('How the server behaves on the wire');
  });

  it.each(ALL_KINDS)('%s: no lint problem with the default (recommended) rules, on its own', async (kind) => {
    const report = (await lintArtifact(artifactPath(role, kind, release))) as { totals: Record<string, number>; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });
});

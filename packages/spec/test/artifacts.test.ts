// The published artifacts of every release: where other teams find them (stable paths, package
// exports), that the YAML, dereferenced and OpenAPI 3.0 forms say the same as the bundle, and that
// each one lints clean on its own, as a user would lint it (validity.test.ts: and is valid OpenAPI).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  ARTIFACT_KINDS,
  type ArtifactKind,
  artifactPath,
  listOperations,
  loadDocument,
  type OpenApiDocument,
  RELEASES,
  ROLES,
} from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: a plain ESM script without types
import { toOpenApi30 } from '../scripts/openapi-3.0.mjs';
// @ts-expect-error: a plain ESM script without types
import { lintArtifact, REPO_ROOT } from '../scripts/redocly.mjs';

const CASES = RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const));
const folder = (release: string) => (release === 'master' ? '' : `${release}/`);
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
const exports = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> })
  .exports;

describe.each(CASES)('%s %s artifacts', (release, role) => {
  const path = (kind: ArtifactKind) => artifactPath(role, kind, release);

  it('are published under their stable names, and exported by the package by those names', () => {
    for (const kind of ARTIFACT_KINDS) {
      expect(relative(REPO_ROOT, path(kind))).toBe(`packages/spec/dist/${folder(release)}${role}.${kind}`);
      expect(exports[`./${folder(release)}${role}.${kind}`]).toBe(`./dist/${folder(release)}${role}.${kind}`);
    }
  });

  it.each(['', '.zh-CN'])('have YAML and dereferenced forms that say the same as the bundle (%s)', (language) => {
    const bundled = read(path(`openapi${language}.json` as ArtifactKind));
    expect(YAML.parse(readFileSync(path(`openapi${language}.yaml` as ArtifactKind), 'utf8'))).toEqual(bundled);
    const text = readFileSync(path(`deref${language}.json` as ArtifactKind), 'utf8');
    expect(text).not.toContain('"$ref"');
    expect(listOperations(JSON.parse(text)).map((o) => o.operationId)).toEqual(listOperations(bundled).map((o) => o.operationId));
  });

  it('have an OpenAPI 3.0 form: the converted bundle, in JSON and YAML, stating what 3.0 cannot say', () => {
    const converted = read(path('openapi-3.0.json'));
    expect(converted.openapi).toBe('3.0.3');
    expect(converted).toEqual(toOpenApi30(loadDocument(role, 'openapi.json', release), `${role}.openapi.json`));
    expect(YAML.parse(readFileSync(path('openapi-3.0.yaml'), 'utf8'))).toEqual(converted);
    expect(String(converted.info.description)).toMatch(
      /\*\*OpenAPI 3\.0 form\*\* of `[a-z-]+\.openapi\.json`[^\n]*What OpenAPI 3\.0 cannot say: /,
    );
  });

  it('complete the description with the shared wire-behaviour text, in English and in Chinese', () => {
    expect(loadDocument(role, 'openapi.json', release).info.description).toContain('## How the server behaves on the wire');
    const chinese = String(read(path('openapi.zh-CN.json')).info.description);
    expect(chinese).toContain('## 服务端在线路上的行为');
    expect(chinese).not.toContain('How the server behaves on the wire');
  });

  it.each(ARTIFACT_KINDS)('%s: no lint problem with the default (recommended) rules, on its own', async (kind) => {
    const report = (await lintArtifact(path(kind))) as { totals: Record<string, number>; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });
});

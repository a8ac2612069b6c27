// Every published artifact of every release is valid OpenAPI of its version, as other teams'
// tools check it: `@apidevtools/swagger-parser`'s `validate`, which checks the file against the
// official schema of its version (3.1 or 3.0), then what that schema cannot say. A file of its own
// so that it runs beside the lint of the artifacts (artifacts.test.ts).
import SwaggerParser from '@apidevtools/swagger-parser';
import { type ArtifactKind, artifactPath, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

const KINDS: ArtifactKind[] = [
  'openapi.json',
  'openapi.yaml',
  'deref.json',
  'openapi.zh-CN.json',
  'openapi.zh-CN.yaml',
  'deref.zh-CN.json',
  'openapi-3.0.json',
  'openapi-3.0.yaml',
];

describe.each(RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const)))('%s %s artifacts', (release, role) => {
  it.each(KINDS)('%s: valid OpenAPI of its version (swagger-parser validate)', async (kind) => {
    await expect(SwaggerParser.validate(artifactPath(role, kind, release))).resolves.toBeDefined();
  });
});

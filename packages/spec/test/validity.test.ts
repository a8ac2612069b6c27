// Every published artifact of every release is valid OpenAPI of its version, as other teams'
// tools check it: `@apidevtools/swagger-parser`'s `validate`, which checks the file against the
// official schema of its version (3.1 or 3.0), then what that schema cannot say. A file of its own
// so that it runs beside the lint of the artifacts (artifacts.test.ts).
import SwaggerParser from '@apidevtools/swagger-parser';
import { ARTIFACT_KINDS, artifactPath, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

describe.each(RELEASES.flatMap((release) => ROLES.map((role) => [release, role] as const)))('%s %s artifacts', (release, role) => {
  it.each(ARTIFACT_KINDS)('%s: valid OpenAPI of its version (swagger-parser validate)', async (kind) => {
    await expect(SwaggerParser.validate(artifactPath(role, kind, release))).resolves.toBeDefined();
  });
});

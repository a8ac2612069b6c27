// Where the published artifacts are, and reading them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './document.js';
import type { Release } from './releases.js';

export const ROLES = ['meta-server', 'replica-server'] as const;
export type Role = (typeof ROLES)[number];
/**
 * A published file of a role: bundled (`openapi.*`), dereferenced (`deref.json`), each also in
 * Chinese (`*.zh-CN.*`), and the bundle's OpenAPI 3.0 form (`openapi-3.0.*`).
 */
export const ARTIFACT_KINDS = [
  'openapi.json',
  'openapi.yaml',
  'deref.json',
  'openapi.zh-CN.json',
  'openapi.zh-CN.yaml',
  'deref.zh-CN.json',
  'openapi-3.0.json',
  'openapi-3.0.yaml',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** The absolute path of a published artifact: dist/meta-server.openapi.json, dist/v2.5.0/meta-server.openapi.json… */
export function artifactPath(role: Role, kind: ArtifactKind = 'openapi.json', release: Release = 'master'): string {
  return fileURLToPath(new URL(`../${release === 'master' ? '' : `${release}/`}${role}.${kind}`, import.meta.url));
}

const documents = new Map<string, OpenApiDocument>();

/** The bundled (or dereferenced) document of a role in a release, parsed once per process. */
export function loadDocument(
  role: Role,
  kind: 'openapi.json' | 'deref.json' = 'openapi.json',
  release: Release = 'master',
): OpenApiDocument {
  const path = artifactPath(role, kind, release);
  let document = documents.get(path);
  if (!document) {
    document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
    documents.set(path, document);
  }
  return document;
}

// @pegasus-http/spec: the published artifacts, and the contract's knowledge read from them once.
// See the package README for what each module holds.
export { type DocumentedAnswer, documentedAnswer, documentedAnswers, type ExampleRequest, exampleRequest } from './answers.js';
export { ARTIFACT_KINDS, type ArtifactKind, artifactPath, loadDocument, ROLES, type Role } from './artifacts.js';
export {
  HTTP_METHODS,
  type HttpMethod,
  type JsonObject,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  pointerKeys,
  pointerOf,
  resolveRef,
  valueAtPointer,
} from './document.js';
export {
  type BodyKind,
  buildOperationIndex,
  type IndexedMedia,
  type IndexedOperation,
  type IndexedParameter,
  type IndexedResponse,
  type IndexedRule,
  type OperationIndex,
  operationIndex,
  type Safety,
} from './operations.js';
export { MASTER_VERSION, RELEASES, type Release, releaseOfVersion } from './releases.js';
export * from './rules.js';
export { createSchemaValidator, type SchemaProblem, type SchemaValidatorOptions } from './validator.js';
export * from './wire.js';

// The types of each role's description in each Pegasus release the contract describes (master,
// v2.5.0, v2.4.0), as openapi-typescript generates them from @pegasus-http/spec's artifacts of that
// release (src/generated/<release>/<role>.ts). Master is the default everywhere.
import type { Release, Role } from '@pegasus-http/spec';
import type { RoleTypes } from './generated/types.js';

export type { Release, Role } from '@pegasus-http/spec';

/** openapi-typescript's `paths` of a role in a release: the calls a client of that release can make. */
export type PathsOf<Ro extends Role, R extends Release = 'master'> = RoleTypes[Ro][R]['paths'];
/** openapi-typescript's `components` of a role in a release. */
export type ComponentsOf<Ro extends Role, R extends Release = 'master'> = RoleTypes[Ro][R]['components'];
/** openapi-typescript's `operations` of a role in a release, by operationId. */
export type OperationsOf<Ro extends Role, R extends Release = 'master'> = RoleTypes[Ro][R]['operations'];

/** The releases in which a role serves a path: `ReleasesServing<'replica-server', '/metrics'>` is `'master'`. */
export type ReleasesServing<Ro extends Role, Path extends string> = {
  [R in Release]: Path extends keyof PathsOf<Ro, R> ? R : never;
}[Release];

/** The body of an operation's 200 answer, each media type's. */
type SuccessBody<Operation> = Operation extends { responses: { 200: { content: infer Content } } } ? Content[keyof Content] : never;

/** The body of an operation's 200 answer as any release that serves it writes it (what a decoder reads). */
export type AnswerOf<Ro extends Role, OperationId extends string> = {
  [R in Release]: OperationId extends keyof OperationsOf<Ro, R> ? SuccessBody<OperationsOf<Ro, R>[OperationId]> : never;
}[Release];

/** The MetaServer's paths in a release, e.g. `MetaServerPathsOf<'v2.5.0'>`. */
export type MetaServerPathsOf<R extends Release = 'master'> = PathsOf<'meta-server', R>;
export type MetaServerComponentsOf<R extends Release = 'master'> = ComponentsOf<'meta-server', R>;
export type MetaServerOperationsOf<R extends Release = 'master'> = OperationsOf<'meta-server', R>;
/** The MetaServer's named schemas in a release, e.g. `MetaServerSchemasOf<'v2.5.0'>['ClusterInfo']`. */
export type MetaServerSchemasOf<R extends Release = 'master'> = MetaServerComponentsOf<R>['schemas'];

/** The ReplicaServer's paths in a release, e.g. `ReplicaServerPathsOf<'v2.4.0'>`. */
export type ReplicaServerPathsOf<R extends Release = 'master'> = PathsOf<'replica-server', R>;
export type ReplicaServerComponentsOf<R extends Release = 'master'> = ComponentsOf<'replica-server', R>;
export type ReplicaServerOperationsOf<R extends Release = 'master'> = OperationsOf<'replica-server', R>;
/** The ReplicaServer's named schemas in a release. */
export type ReplicaServerSchemasOf<R extends Release = 'master'> = ReplicaServerComponentsOf<R>['schemas'];

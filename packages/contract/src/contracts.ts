// What the kit knows of each role's contract in each release, all of it read from
// @pegasus-http/spec: the operation index, a schema validator for its bodies, the facts about the
// root listing derived from them, and what a standby MetaServer does with each call.
import {
  createSchemaValidator,
  documentedAnswer,
  type IndexedMedia,
  type IndexedOperation,
  type OpenApiDocument,
  type OperationIndex,
  operationIndex,
  type Release,
  type Role,
  type SchemaProblem,
} from '@pegasus-http/spec';

/** Every problem of an answer up to this size is looked for; only the first one of a larger answer. */
export const FULL_CHECK_BYTES = 1024 * 1024;

/**
 * Checks a body against a schema, bounded by the answer's size: Ajv's search for every problem
 * grows faster than the answer (on a million unexpected fields, minutes and gigabytes), so an
 * answer over FULL_CHECK_BYTES gets its first problem only, and says so (`complete: false`).
 */
export interface SchemaValidator {
  problems(schema: unknown, value: unknown, bytes: number): { problems: SchemaProblem[]; complete: boolean };
}

function boundedValidator(document: OpenApiDocument): SchemaValidator {
  const first = createSchemaValidator(document, { allErrors: false });
  const every = createSchemaValidator(document);
  return {
    problems(schema, value, bytes) {
      const found = first.validate(schema, value);
      if (found.length === 0) return { problems: [], complete: true };
      if (bytes > FULL_CHECK_BYTES) return { problems: found, complete: false };
      return { problems: every.validate(schema, value), complete: true };
    },
  };
}

/** The documented answer of a call a server built without gperftools does not register. */
export const NOT_BUILT = { status: 404, example: 'notBuilt' } as const;

export interface RoleContract {
  role: Role;
  release: Release;
  index: OperationIndex;
  validator: SchemaValidator;
  /** `GET /`, the root listing. */
  listing: IndexedOperation;
  /** The help string of each call, as the release's first documented listing example gives it. */
  help: Record<string, string>;
  /** Every path the role describes in the release, in the document's order. */
  paths: string[];
  /** The paths that only a server built with gperftools serves: those documenting the 404 `notBuilt`. */
  gperftoolsPaths: string[];
}

function helpStrings(listing: IndexedOperation): Record<string, string> {
  const media = listing.responses['200']?.media.find((m) => m.kind === 'json');
  return (Object.values(media?.examples ?? {})[0] ?? {}) as Record<string, string>;
}

function buildContract(role: Role, release: Release): RoleContract {
  const index = operationIndex(role, release);
  const listing = index.find('GET', '/');
  if (!listing) throw new Error(`the ${release} ${role} contract has no root listing`);
  const paths = [...new Set(index.operations.map((o) => o.path))];
  const gperftools = index.operations.filter((o) => documentedAnswer(o, NOT_BUILT.status, NOT_BUILT.example) !== undefined);
  return {
    role,
    release,
    index,
    validator: boundedValidator(index.document),
    listing,
    help: helpStrings(listing),
    paths,
    gperftoolsPaths: [...new Set(gperftools.map((o) => o.path))],
  };
}

// Compiling schemas is the costly part: once per role, release and process, as the spec builds its index.
const contracts = new Map<string, RoleContract>();

export function roleContract(role: Role, release: Release = 'master'): RoleContract {
  const key = `${release} ${role}`;
  let contract = contracts.get(key);
  if (!contract) {
    contract = buildContract(role, release);
    contracts.set(key, contract);
  }
  return contract;
}

/** The operation of this id in a contract, or undefined when the release does not serve it. */
export function operationOf(contract: RoleContract, operationId: string): IndexedOperation | undefined {
  return contract.index.operations.find((o) => o.operationId === operationId);
}

/** A documented answer, named by its status and example, with the media type that example belongs to. */
export interface ExpectedAnswer {
  status: number;
  example: string;
  media: IndexedMedia;
}

/**
 * The documented answer of this example name in the operation: at the status given, else at the
 * one status the release documents it under; undefined when the release does not document it.
 */
export function answerOf(operation: IndexedOperation, named: { status: number; example: string }): ExpectedAnswer | undefined {
  const statuses = [named.status, ...Object.keys(operation.responses).map(Number).filter(Number.isInteger)];
  for (const status of statuses) {
    const answer = documentedAnswer(operation, status, named.example);
    if (answer) return { status, example: named.example, media: answer.media };
  }
  return undefined;
}

/**
 * What a standby MetaServer does with a call (`x-pegasus-standby`): it redirects it to the primary
 * with the documented 307; it answers a documented answer itself, from its own empty state; it
 * crashes (the connection closes without an answer); or it serves the call like any server.
 */
export type StandbyBehaviour =
  | { kind: 'redirect' }
  | { kind: 'answer'; status: number; example: string }
  | { kind: 'crash' }
  | { kind: 'serve' };

/** The standby behaviour of a call; without the extension, a documented 307 means it redirects. */
export function standbyBehaviour(operation: IndexedOperation): StandbyBehaviour {
  const mark = operation.operation['x-pegasus-standby'] as unknown;
  if (mark === undefined) return operation.redirects ? { kind: 'redirect' } : { kind: 'serve' };
  if (mark === 'redirect' || mark === 'crash') return { kind: mark };
  const { status, example } = (mark ?? {}) as { status?: unknown; example?: unknown };
  if (Number.isInteger(Number(status)) && typeof example === 'string') return { kind: 'answer', status: Number(status), example };
  throw new Error(
    `${operation.operationId}: x-pegasus-standby is neither redirect, crash nor { status, example }: ${JSON.stringify(mark)}`,
  );
}

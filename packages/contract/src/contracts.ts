// What the kit knows of each role's contract, all of it read from @pegasus-http/spec: the operation
// index, a schema validator for its bodies, and the facts about the root listing derived from them.
import {
  createSchemaValidator,
  documentedAnswer,
  type IndexedOperation,
  type OperationIndex,
  operationIndex,
  type Role,
} from '@pegasus-http/spec';

export type SchemaValidator = ReturnType<typeof createSchemaValidator>;

/** The documented answer of a call a server built without gperftools does not register. */
export const NOT_BUILT = { status: 404, example: 'notBuilt' } as const;

export interface RoleContract {
  index: OperationIndex;
  validator: SchemaValidator;
  /** `GET /`, the root listing. */
  listing: IndexedOperation;
  /** The help string of each call, as the listing's first documented example gives it (master's). */
  help: Record<string, string>;
  /** Every path the role describes, in the document's order. */
  paths: string[];
  /** The paths that only a server built with gperftools serves: those documenting the 404 `notBuilt`. */
  gperftoolsPaths: string[];
}

function helpStrings(listing: IndexedOperation): Record<string, string> {
  const media = listing.responses['200']?.media.find((m) => m.kind === 'json');
  return (Object.values(media?.examples ?? {})[0] ?? {}) as Record<string, string>;
}

function buildContract(role: Role): RoleContract {
  const index = operationIndex(role);
  const listing = index.find('GET', '/');
  if (!listing) throw new Error(`the ${role} contract has no root listing`);
  const paths = [...new Set(index.operations.map((o) => o.path))];
  const gperftools = index.operations.filter((o) => documentedAnswer(o, NOT_BUILT.status, NOT_BUILT.example) !== undefined);
  return {
    index,
    validator: createSchemaValidator(index.document),
    listing,
    help: helpStrings(listing),
    paths,
    gperftoolsPaths: [...new Set(gperftools.map((o) => o.path))],
  };
}

// Compiling schemas is the costly part: once per role and process, as the spec builds its index.
const contracts = new Map<Role, RoleContract>();

export function roleContract(role: Role): RoleContract {
  let contract = contracts.get(role);
  if (!contract) {
    contract = buildContract(role);
    contracts.set(role, contract);
  }
  return contract;
}

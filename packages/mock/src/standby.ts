// What a standby MetaServer does with a call, as the release's description says it per operation
// (`x-pegasus-standby`, see openapi/EXTENSIONS.md): redirect it to the primary with the documented
// 307 (master), answer one documented answer itself from its own empty state (v2.4.0 and v2.5.0,
// which never send a 307), or crash, so that the connection is closed without an answer. A call
// without the mark is served as any server serves it; one that documents a 307 but has no mark is
// read as redirected, as the description said it before the mark existed.
import { documentedAnswer, type IndexedMedia, type IndexedOperation, type OperationIndex } from '@pegasus-http/spec';

export type StandbyBehaviour =
  | { kind: 'redirect' }
  | { kind: 'answer'; status: number; media: IndexedMedia; value: unknown }
  | { kind: 'crash' }
  | { kind: 'serve' };

function namesAnswer(mark: unknown): mark is { status: number; example: string } {
  if (mark === null || typeof mark !== 'object') return false;
  const { status, example } = mark as Record<string, unknown>;
  return typeof status === 'number' && typeof example === 'string';
}

/** What a standby does with an operation; throws when the mark is malformed or names an answer the operation does not document. */
export function standbyBehaviour(operation: IndexedOperation): StandbyBehaviour {
  const mark = operation.operation['x-pegasus-standby'];
  if (mark === undefined) return { kind: operation.redirects ? 'redirect' : 'serve' };
  if (mark === 'redirect' || mark === 'crash') return { kind: mark };
  if (namesAnswer(mark)) {
    const documented = documentedAnswer(operation, mark.status, mark.example);
    if (documented) return { kind: 'answer', status: mark.status, ...documented };
  }
  throw new Error(
    `${operation.operationId}: x-pegasus-standby is ${JSON.stringify(mark)}, not redirect, crash or a documented { status, example }`,
  );
}

/** The behaviour of a standby for every operation of an index, read once (a bad mark fails the start, not a request). */
export function standbyBehaviours(index: OperationIndex): Map<IndexedOperation, StandbyBehaviour> {
  return new Map(index.operations.map((operation) => [operation, standbyBehaviour(operation)]));
}

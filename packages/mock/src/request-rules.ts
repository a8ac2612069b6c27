// The checks a Pegasus handler makes on a request before it serves it, as the description lists
// them per operation (`x-pegasus-rules`, resolved in the spec's operation index), applied with the
// spec's engine (`brokenRule`, `answerBody` of `@pegasus-http/spec/wire`). No check is written
// here per path: what a handler checks, and what it answers, is the data's.
import type { IndexedMedia, IndexedOperation, IndexedRule } from '@pegasus-http/spec';
import { answerBody, brokenRule, type RuleBreach } from '@pegasus-http/spec/rules';

/** The names of the query parameters an operation declares: any other is unknown to its handler. */
export function declaredParameters(operation: IndexedOperation): string[] {
  return operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
}

/**
 * The first of the operation's rules the request breaks, or undefined. `query` is the query as the
 * server decoded it, `body` the request body as text. A standby (`standby: true`) makes only the
 * leading checks marked `standby: first`, those it makes before it answers as a standby.
 */
export function breachOf(
  operation: IndexedOperation,
  query: ReadonlyMap<string, string>,
  body: string,
  standby = false,
): RuleBreach<IndexedRule> | undefined {
  if (operation.rules.length === 0) return undefined;
  return brokenRule(operation.rules, declaredParameters(operation), query, body, { standby });
}

/** The answer of a broken rule: its status, and its example's value naming what the request sent (`vary`), in its media. */
export function ruleAnswer(breach: RuleBreach<IndexedRule>): { status: number; media: IndexedMedia; value: unknown } {
  const { status, media } = breach.rule.answer;
  return { status, media, value: answerBody(breach) };
}

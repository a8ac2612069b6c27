// The calls the matrix makes with every generated client, per role and release, and what each must
// decode: the documented example the wire mock serves for it, read from the spec's operation index
// (never a value written here). Each call is a function of a program (programs/<generator>/<module>.ts)
// that takes the base URL, the query (the spec's example request) and a `Prefer` header.
import { documentedAnswer, exampleRequest, operationIndex } from '@pegasus-http/spec';

/**
 * The calls, by program module: the operation each makes, the answer it asks the mock for
 * (`prefer`: an example, or a status and an example) and which releases and roles make it.
 * Without `prefer`, the mock serves the first example of the first success status.
 */
const CALLS = [
  { module: 'server', name: 'version', operationId: 'version_get' },
  { module: 'server', name: 'cmdline', operationId: 'pprofCmdline_get' },
  { module: 'metrics', name: 'metrics', operationId: 'metrics_get', releases: ['master'] },
  { module: 'metrics', name: 'metricsError', operationId: 'metrics_get', releases: ['master'], prefer: [400, 'unknownField'] },
  { module: 'perf-counter', name: 'perfCounter', operationId: 'perfCounter_get', releases: ['v2.5.0', 'v2.4.0'] },
  { module: 'meta', name: 'apps', operationId: 'apps_list', roles: ['meta-server'], prefer: [200, 'detailed'] },
  { module: 'meta', name: 'duplications', operationId: 'appDuplications_list', roles: ['meta-server'] },
  { module: 'meta', name: 'duplicationsError', operationId: 'appDuplications_list', roles: ['meta-server'], prefer: [404, 'appNotExist'] },
  {
    module: 'replica',
    name: 'dataVersionError',
    operationId: 'replicaDataVersion_get',
    roles: ['replica-server'],
    prefer: [404, 'notFound'],
  },
];

/** The first example of an operation's first success status: what the mock serves when nothing is preferred. */
function firstSuccess(operation) {
  const status = Object.keys(operation.responses).find((s) => /^2\d\d$/.test(s));
  const media = operation.responses[status]?.media[0];
  const example = Object.keys(media?.examples ?? {})[0];
  if (!example) throw new Error(`${operation.operationId} documents no success example`);
  return [Number(status), example];
}

/** The `Prefer` header that asks for an example, with its status when it is not a success. */
function preferHeader([status, example]) {
  return status < 300 ? `example=${example}` : `code=${status}, example=${example}`;
}

/** What a call must decode: a success's body, or an error's status and body. */
function expected(operation, [status, example]) {
  const answer = documentedAnswer(operation, status, example);
  if (!answer) throw new Error(`${operation.operationId} documents no ${status} example ${example}`);
  return status < 300 ? answer.value : { status, body: answer.value };
}

/** The calls of a role in a release: module, function, operation, query, `Prefer` and the value to decode. */
export function callPlan(role, release) {
  const index = operationIndex(role, release);
  return CALLS.filter((call) => (call.releases ?? [release]).includes(release) && (call.roles ?? [role]).includes(role)).map((call) => {
    const operation = index.byId(call.operationId);
    const answer = call.prefer ?? firstSuccess(operation);
    return {
      module: call.module,
      name: call.name,
      operationId: call.operationId,
      query: exampleRequest(operation).query,
      ...(call.prefer ? { prefer: preferHeader(call.prefer) } : {}),
      expect: expected(operation, answer),
    };
  });
}

/** The program modules a role in a release uses. */
export function programModules(role, release) {
  return [...new Set(callPlan(role, release).map((call) => call.module))];
}

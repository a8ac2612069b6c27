// Checks one answer against what the contract documents for the operation: its status, the real
// Content-Type label and the body against the schema of that status and media type.
import { createSchemaValidator, resolveRef, wireContentType, type JsonObject, type OpenApiDocument } from '@pegasus-http/spec';

export interface Finding {
  kind: 'drift' | 'error';
  message: string;
  /** Where in the body (a JSON pointer), when the finding is about the body. */
  pointer?: string;
  expected?: string;
  actual?: string;
}

export interface DocumentedOperation {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  operation: JsonObject & { operationId: string; responses: Record<string, JsonObject> };
}

type Validator = ReturnType<typeof createSchemaValidator>;

/** The value at a JSON pointer, shown short, for "expected … got …" messages. */
function valueAt(value: unknown, pointer: string): string {
  let current = value;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return 'nothing';
    current = (current as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  const text = current === undefined ? 'nothing' : JSON.stringify(current);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function short(text: string): string {
  const shown = JSON.stringify(text);
  return shown.length > 120 ? `${shown.slice(0, 117)}..."` : shown;
}

/** The statuses an operation documents, other than `default`. */
export function documentedStatuses(operation: DocumentedOperation): string[] {
  return Object.keys(operation.operation.responses).filter((status) => status !== 'default');
}

export function checkAnswer(
  document: OpenApiDocument,
  validator: Validator,
  operation: DocumentedOperation,
  answer: { status: number; headers: Record<string, string>; body: Buffer },
): Finding[] {
  const findings: Finding[] = [];
  const { operationId } = operation;
  const reference = operation.operation.responses[String(answer.status)];
  if (!reference) {
    return [
      {
        kind: 'drift',
        message: `${operationId}: status ${answer.status} is not documented`,
        expected: documentedStatuses(operation).join(', '),
        actual: String(answer.status),
      },
    ];
  }
  const response = resolveRef<JsonObject>(document, reference);
  const content = (response.content ?? {}) as Record<string, JsonObject>;
  const mediaTypes = Object.entries(content);

  // The label: Pegasus sends text/plain on everything; the contract records it per media type.
  const labels = [...new Set(mediaTypes.map(([name, media]) => wireContentType(name, media)))];
  const label = (answer.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (labels.length > 0 && !labels.includes(label)) {
    findings.push({ kind: 'drift', message: `${operationId} ${answer.status}: wrong Content-Type label`, expected: labels.join(' or '), actual: label || 'none' });
  }

  if (mediaTypes.length === 0) {
    if (answer.body.length > 0) findings.push({ kind: 'drift', message: `${operationId} ${answer.status}: a body where none is documented`, actual: short(answer.body.toString('utf8')) });
    return findings;
  }

  // The body: it must fit one of the documented media types. JSON is tried first when the body
  // parses as JSON; a media type whose body does not parse is no candidate.
  const text = answer.body.toString('utf8');
  let parsed: { ok: true; value: unknown } | { ok: false } = { ok: false };
  try {
    parsed = { ok: true, value: JSON.parse(text) };
  } catch {
    // not JSON
  }
  const attempts: Finding[][] = [];
  for (const [name, media] of mediaTypes) {
    if (name === 'application/json') {
      if (!parsed.ok) {
        attempts.push([{ kind: 'drift', message: `${operationId} ${answer.status}: the body is not JSON`, expected: 'a JSON body', actual: short(text) }]);
        continue;
      }
      const problems = validator.validate(media.schema, parsed.value);
      if (problems.length === 0) return findings;
      attempts.push(
        problems.map((problem) => ({
          kind: 'drift' as const,
          message: `${operationId} ${answer.status}: the body ${problem.message}`,
          pointer: problem.pointer,
          actual: valueAt(parsed.ok ? parsed.value : undefined, problem.pointer),
        })),
      );
    } else if (name.startsWith('text/')) {
      const problems = validator.validate(media.schema, text);
      if (problems.length === 0) return findings;
      attempts.push([{ kind: 'drift', message: `${operationId} ${answer.status}: the text body ${problems[0]!.message}`, actual: short(text) }]);
    } else {
      // A binary body (the CPU profile) has no structure to check.
      return findings;
    }
  }
  // Report the attempt that came closest: the JSON one when the body is JSON.
  const closest = parsed.ok ? attempts.find((a) => a.every((f) => f.pointer !== undefined)) ?? attempts[0]! : attempts[attempts.length - 1]!;
  return [...findings, ...closest];
}

// A call that no check of its handler refuses, answered by Prism as the request prefers it (`Prefer`,
// examples) and written with the server's bytes. A documented 307 asked of a primary gets the
// `Location` the server builds from the request, naming the mock itself as the primary.
import type { ServerResponse } from 'node:http';
import { standbyLocation } from '@pegasus-http/spec';
import type { IHttpNameValue, IHttpRequest } from '@stoplight/prism-http';
import { wireBody, writePegasusResponse, writeProblem } from './pegasus-response.js';
import { readPreferences } from './preferences.js';
import { type PrismInstance, type PrismOperations, wireConfigFor } from './prism.js';
import type { WireCall } from './wire-call.js';

/** A Prism instance, the operations it serves, and the URL of the mock in front of it. */
export interface PrismBackend {
  prism: PrismInstance;
  operations: PrismOperations;
  /** `http://host:port` of the mock itself, once it listens. */
  url: string;
}

/** Prism's answer for the call, as the request prefers it, written with the server's bytes. */
export async function answerFromPrism(backend: PrismBackend, call: WireCall, response: ServerResponse): Promise<void> {
  const preferred = readPreferences(call.request.headers.prefer, call.query);
  if (!preferred.ok) return writeProblem(response, preferred.problem);
  const result = await backend.prism.request(prismInput(call), backend.operations, wireConfigFor(preferred.preferences))();
  if (result._tag === 'Left') {
    const problem = result.left as Error & { status?: number; detail?: string };
    return writeProblem(response, { status: problem.status, title: problem.message, detail: problem.detail });
  }
  const { statusCode, headers = {}, body: payload } = result.right.output;
  const contentType = headerOf(headers, 'content-type') ?? '';
  const media = call.operation.responses[String(statusCode)]?.media.find((candidate) => contentType.startsWith(candidate.mediaType));
  // The example's Location names a fixed request; the server's names this one, at the primary: this mock.
  const location = statusCode === 307 ? standbyLocation(backend.url, call.path, call.query) : headerOf(headers, 'location');
  writePegasusResponse(response, statusCode, wireBody(media, payload), location);
}

/**
 * The request as Prism reads it: the call's described method and the target as the server
 * decoded it. A Pegasus server reads a JSON body whatever its `Content-Type` says (`curl -d` sends
 * a form type), so a call with a JSON body gets the body parsed; one that does not parse has been
 * answered by the handler's check (`undecodable-body`) before Prism, and goes to it as text otherwise.
 */
function prismInput(call: WireCall): IHttpRequest {
  const { operation, body } = call;
  const headers = { ...call.request.headers } as IHttpNameValue;
  let parsed: unknown = body.length === 0 ? undefined : body.toString('utf8');
  if (parsed !== undefined && operation.request?.kind === 'json') {
    try {
      parsed = JSON.parse(parsed as string);
      headers['content-type'] = 'application/json';
    } catch {
      headers['content-type'] = 'text/plain';
    }
  }
  const method = operation.method === 'GET' ? 'get' : 'post';
  return { method, url: { path: `/${call.path}`, query: Object.fromEntries(call.query) }, headers, body: parsed };
}

function headerOf(headers: IHttpNameValue, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

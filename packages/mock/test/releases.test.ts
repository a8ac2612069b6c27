// A mock of a release serves that release's contract: every path of the release's description,
// none of master's that the release lacks (`/metrics` and `/envs/list` in v2.5.0, for one), and
// the release's own root listing. Written from the spec package's index, so that it holds
// whatever the release data says.
import { loadDocument, operationIndex, RELEASES, type Release, ROLES, type Role, serviceNotFoundBody } from '@pegasus-http/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMock } from '../src/index.js';
import { exampleTarget, firstAnswer, wireText } from './helpers.js';

type Served = 'served' | 'unknown path';

/** Asks a mock for a path as the path's first operation's example request, preferring nothing, or plainly when no operation is described there. */
async function ask(mock: MockServer, path: string): Promise<{ status: number; text: string }> {
  const operation = operationIndex(mock.role, mock.release).atPath(path)[0];
  const { target, body, contentType } = operation ? exampleTarget(operation) : { target: path };
  const response = await fetch(`${mock.url}${target}`, {
    method: operation?.method ?? 'GET',
    headers: contentType ? { 'Content-Type': contentType } : {},
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text() };
}

/** Whether a mock answered a path as a path it does not know: the framework's 404 in wire mode, Prism's in the default mode. */
function servedOf(mock: MockServer, path: string, { status, text }: { status: number; text: string }): Served {
  const unknown = mock.wire ? text === serviceNotFoundBody(path.replace(/^\//, '')) : text.includes('NO_PATH_MATCHED_ERROR');
  return status === 404 && unknown ? 'unknown path' : 'served';
}

/** Every path of master's description and of the release's, and whether the release's mock must serve it. */
function expectedPaths(role: Role, release: Release): Record<string, Served> {
  const paths = (r: Release) => Object.keys(loadDocument(role, 'openapi.json', r).paths);
  const served = new Set(paths(release));
  return Object.fromEntries(
    [...new Set([...paths('master'), ...served])].map((path) => [path, served.has(path) ? 'served' : 'unknown path']),
  );
}

const cases = RELEASES.flatMap((release) => ROLES.flatMap((role) => [false, true].map((wire) => [release, role, wire] as const)));

describe.each(cases)('the %s %s mock (wire mode: %s)', (release, role, wire) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ role, release, port: 0, wire });
  });
  afterAll(async () => mock.close());

  it("serves every path of the release's description, and none of master's that the release lacks", async () => {
    const expected = expectedPaths(role, release);
    const answered = await Promise.all(Object.keys(expected).map(async (path) => [path, servedOf(mock, path, await ask(mock, path))]));
    expect(Object.fromEntries(answered)).toEqual(expected);
  });

  it("serves the release's root listing, the first example of its /", async () => {
    const listing = firstAnswer(operationIndex(role, release).atPath('/')[0]!);
    const response = await fetch(`${mock.url}/`);
    expect(response.status).toBe(listing.status);
    if (wire) expect(await response.text()).toBe(wireText(listing.media, listing.value));
    else expect(await response.json()).toEqual(listing.value);
  });

  it('serves every path its root listing names', async () => {
    const listed = Object.keys(firstAnswer(operationIndex(role, release).atPath('/')[0]!).value as Record<string, string>);
    const answered = await Promise.all(listed.map(async (path) => [path, servedOf(mock, path, await ask(mock, path))]));
    expect(Object.fromEntries(answered)).toEqual(Object.fromEntries(listed.map((path) => [path, 'served'])));
  });
});

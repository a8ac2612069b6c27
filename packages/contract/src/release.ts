// Which release's contract each server is checked against: the one its `/version` names (mapped by
// the spec's releaseOfVersion), or the one `--release` gives for every server.
import { RELEASES, type Release, releaseOfVersion } from '@pegasus-http/spec';
import { type Answer, jsonOf } from './http.js';
import { send, type Transport } from './transport.js';

/** `--release`: a release as the spec names it (`v2.5.0`, `master`) or by its version (`2.5.0`). */
export function parseRelease(text: string): Release | undefined {
  const name = text === 'master' || text.startsWith('v') ? text : `v${text}`;
  return RELEASES.find((release) => release === name);
}

/**
 * A server's release and the version it reported; a problem when it answered `/version` with
 * something that names no release; or, when no answer came (refused, closed, timed out), why.
 */
export type ServerRelease = { release: Release; version?: string } | { problem: string } | { unreached: string };

function describe(answer: Extract<Answer, { ok: true }>): string {
  const text = answer.body.toString('utf8');
  return `${answer.status} ${JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)}`;
}

const CHOOSE = `pass --release to check it against one of the releases the contract describes (${RELEASES.join(', ')})`;

/** Asks a server for `/version` (unless `override` decides) and maps it to a release. */
export async function readRelease(transport: Transport, url: string, override: Release | undefined): Promise<ServerRelease> {
  if (override) return { release: override };
  const answer = await send(transport, { server: url, method: 'GET', target: '/version' });
  if (!answer.ok) return { unreached: `${answer.fault}: ${answer.message}` };
  const version = jsonOf<{ Version?: unknown }>(answer)?.Version;
  if (typeof version !== 'string') return { problem: `${url} answered /version with ${describe(answer)}, not a version; ${CHOOSE}` };
  const release = releaseOfVersion(version);
  if (!release) return { problem: `${url} reports version ${JSON.stringify(version)}, which no release of the contract covers; ${CHOOSE}` };
  return { release, version };
}

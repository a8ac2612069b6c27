// Which release's contract each server is checked against: the one its `/version` names (mapped by
// the spec's releaseOfVersion), or the one `--release` gives for every server.
import { RELEASES, type Release, releaseOfVersion } from '@pegasus-http/spec';
import { clip, quote, quoteBytes } from './findings.js';
import { type Answer, hasAnswered, jsonOf } from './http.js';
import { send, type Transport } from './transport.js';

/** `--release`: a release as the spec names it (`v2.5.0`, `master`) or by its version (`2.5.0`). */
export function parseRelease(text: string): Release | undefined {
  const name = text === 'master' || text.startsWith('v') ? text : `v${text}`;
  return RELEASES.find((release) => release === name);
}

/**
 * A server's release and the version it reported; a problem when it answered `/version` with
 * something that names no release (a body cut short or over the limit included); or, when no
 * answer came (refused, closed, timed out), why.
 */
export type ServerRelease = { release: Release; version?: string } | { problem: string } | { unreached: string };

function describe(answer: Answer): string {
  return answer.ok ? `${answer.status} ${quoteBytes(answer.body, 80)}` : `a broken answer (${answer.fault}: ${answer.message})`;
}

const CHOOSE = `pass --release to check it against one of the releases the contract describes (${RELEASES.join(', ')})`;

/** Asks a server for `/version` (unless `override` decides) and maps it to a release. */
export async function readRelease(transport: Transport, url: string, override: Release | undefined): Promise<ServerRelease> {
  if (override) return { release: override };
  const answer = await send(transport, { server: url, method: 'GET', target: '/version' });
  if (!answer.ok && !hasAnswered(answer)) return { unreached: `${answer.fault}: ${answer.message}` };
  const version = jsonOf<{ Version?: unknown }>(answer)?.Version;
  if (typeof version !== 'string') return { problem: `${url} answered /version with ${describe(answer)}, not a version; ${CHOOSE}` };
  const release = releaseOfVersion(version);
  if (!release) return { problem: `${url} reports version ${quote(version)}, which no release of the contract covers; ${CHOOSE}` };
  return { release, version: clip(version) };
}

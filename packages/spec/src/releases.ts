// The Pegasus releases the contract describes: master (the source under openapi/) and each
// supported release (master with the overlays of openapi/releases/ applied).

export const RELEASES = ['master', 'v2.5.0', 'v2.4.0'] as const;
export type Release = (typeof RELEASES)[number];

/** What master's `/version` reports: master describes it and every newer version. */
export const MASTER_VERSION = '2.6.0-SNAPSHOT';

/**
 * The release whose contract a server of this `/version` keeps: 2.4.x → v2.4.0, 2.5.x → v2.5.0,
 * 2.6.0-SNAPSHOT or newer → master. Undefined for an older version, or a text that is no version.
 */
export function releaseOfVersion(version: string): Release | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major > 2 || (major === 2 && minor >= 6)) return 'master';
  return RELEASES.find((release) => release === `v${major}.${minor}.0`);
}

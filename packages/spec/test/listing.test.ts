// Each role describes exactly the calls it serves: the paths of its seed-page listing (the two
// root listings of the Pegasus HTTP API page this project started from), plus what master added
// since (/envs/list on the MetaServer). Nothing missing, nothing extra.
import { readFileSync } from 'node:fs';
import { loadDocument, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

const ADDED_SINCE_THE_SEED: Record<string, string[]> = { 'meta-server': ['/envs/list'], 'replica-server': [] };

describe.each(ROLES)('the %s description', (role) => {
  const seed = JSON.parse(readFileSync(new URL(`./fixtures/seed-${role}-listing.json`, import.meta.url), 'utf8')) as Record<string, string>;
  const described = Object.keys(loadDocument(role).paths);

  it('describes every call of its seed listing', () => {
    expect(Object.keys(seed).filter((path) => !described.includes(path))).toEqual([]);
  });

  it("describes nothing more than its listing and master's additions", () => {
    const served = [...Object.keys(seed), ...ADDED_SINCE_THE_SEED[role]!];
    expect(described.filter((path) => !served.includes(path))).toEqual([]);
    expect(described.length).toBe(served.length);
  });
});

// The matrix's entries, as data: every generator has its test file (none is dropped silently), is
// pinned in package.json with what its clients need, names files that exist, and says in both
// languages what its setting, workaround and issues are; its status agrees with them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binOf } from '../src/command.mjs';
import { PACKAGE_DIR } from '../src/layout.mjs';
import { GENERATORS } from '../src/matrix.mjs';
import { installedPackage } from '../src/packages.mjs';
import type { Entry } from './evidence.js';

const entries = GENERATORS as Entry[];
const { devDependencies } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
const bilingual = (text: unknown) => expect(text).toEqual({ en: expect.any(String), 'zh-CN': expect.any(String) });

describe.each(entries.map((entry) => [entry.id, entry] as const))('the matrix entry %s', (id, entry) => {
  it('has its test file', () => {
    expect(readFileSync(join(PACKAGE_DIR, 'test', `${id}.test.ts`), 'utf8')).toContain(`matrixSuite('${id}')`);
  });

  it('is pinned, with what its clients need, at the versions installed', () => {
    expect(devDependencies[entry.package]).toBe(entry.version);
    for (const name of [entry.package, ...entry.tools, ...entry.runtime]) {
      expect(devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(installedPackage(name).manifest.version, name).toBe(devDependencies[name]);
    }
  });

  it("names files that exist, and a command that runs the package's own bin", () => {
    for (const file of [...entry.files, ...entry.imported, entry.setup]) expect(existsSync(join(PACKAGE_DIR, file)), file).toBe(true);
    expect(entry.command[0]).toBe('npx');
    if (!entry.network) expect(existsSync(binOf(entry.command[1]!))).toBe(true);
  });

  it('says in both languages what its setting, workaround, network use and issues are', () => {
    bilingual(entry.summary);
    bilingual(entry.setting);
    if (entry.workaround) bilingual({ en: entry.workaround.en, 'zh-CN': entry.workaround['zh-CN'] });
    if (entry.network) bilingual(entry.network);
    for (const issue of entry.issues) bilingual({ en: issue.en, 'zh-CN': issue['zh-CN'] });
  });

  it('has the status its workaround and issues give it', () => {
    if (entry.status === 'broken') expect(entry.issues).not.toEqual([]);
    else expect(entry.status).toBe(entry.issues.length ? 'partial' : entry.workaround ? 'workaround' : 'works');
  });
});

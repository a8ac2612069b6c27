// The Chinese translation (openapi/overlays/zh-CN.yaml, OpenAPI Overlay 1.0) and the zh-CN
// artifacts built with it, of every role in every release. Overlay tools skip an action whose
// target matches nothing without a word, so every target is evaluated here; and every English text
// node of the published description must have its Chinese counterpart (the rule is in
// openapi/overlays/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ArtifactKind, artifactPath, type OpenApiDocument, RELEASES, ROLES } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error: plain ESM scripts without types
import { OPENAPI_DIR } from '../scripts/redocly.mjs';
// @ts-expect-error: plain ESM scripts without types
import { isCodeOnly, jsonPathOf, pointer, selectPaths, textNodes, updateLeaves, valueAt } from '../scripts/text-nodes.mjs';

type Path = (string | number)[];
type TextNode = { path: Path; text: string };
type Action = { target: string; update?: unknown; remove?: boolean; copy?: string; description?: string };

const LANGUAGE = 'zh-CN';
const OVERLAY_FILE = join(OPENAPI_DIR as string, 'overlays', `${LANGUAGE}.yaml`);
const overlay = YAML.parse(readFileSync(OVERLAY_FILE, 'utf8')) as {
  overlay: string;
  info: { title: string; version: string };
  actions: Action[];
};
// Every published document: each role of each release, named `<release> <role>`.
const DOCUMENTS = RELEASES.flatMap((release) => ROLES.map((role) => ({ release, role })));
const NAMES = DOCUMENTS.map(({ release, role }) => `${release} ${role}`);
const read = ({ release, role }: (typeof DOCUMENTS)[number], kind: string) =>
  JSON.parse(readFileSync(artifactPath(role, kind as ArtifactKind, release), 'utf8')) as OpenApiDocument;
const english = Object.fromEntries(DOCUMENTS.map((d, i) => [NAMES[i]!, read(d, 'openapi.json')]));
const translated = Object.fromEntries(DOCUMENTS.map((d, i) => [NAMES[i]!, read(d, `openapi.${LANGUAGE}.json`)]));
const deref = (name: string, kind: string) => read(DOCUMENTS[NAMES.indexOf(name)]!, kind);

const HAN = /\p{Script=Han}/u;
const isChinese = (text: unknown): boolean => typeof text === 'string' && HAN.test(text);
const key = (role: string, path: Path) => `${role} ${pointer(path)}`;

describe(`the ${LANGUAGE} overlay`, () => {
  it('is an OpenAPI Overlay 1.0 document whose actions only update text', () => {
    expect(overlay.overlay).toBe('1.0.0');
    expect(overlay.info.title).toMatch(HAN);
    const wrong = overlay.actions.filter(
      (a) => typeof a.target !== 'string' || a.update === undefined || a.remove !== undefined || a.copy !== undefined,
    );
    expect(wrong).toEqual([]);
  });

  it('has every action target at least one node of an English bundle (the tools skip those that match nothing)', () => {
    const unmatched = overlay.actions
      .map((a) => a.target)
      .filter((target) => NAMES.every((name) => selectPaths(english[name], target).length === 0));
    expect(unmatched, `targets that match nothing in any role's bundle of any release:\n${unmatched.join('\n')}`).toEqual([]);
  });

  it('updates only English text nodes, each once, with Chinese text', () => {
    const textPaths = new Set(NAMES.flatMap((role) => (textNodes(english[role]) as TextNode[]).map((n) => key(role, n.path))));
    const problems: string[] = [];
    const updated = new Map<string, string>();
    for (const action of overlay.actions) {
      for (const role of NAMES) {
        for (const target of selectPaths(english[role], action.target) as Path[]) {
          for (const leaf of updateLeaves(action.update) as { path: Path; text: unknown }[]) {
            const at = [...target, ...leaf.path];
            const where = `${action.target} → ${leaf.path.join('.') || '(the target)'} (${key(role, at)})`;
            if (!textPaths.has(key(role, at))) problems.push(`${where}: not an English text node of the bundle`);
            else if (!isChinese(leaf.text)) problems.push(`${where}: the update is not Chinese text`);
            const before = updated.get(key(role, at));
            if (before !== undefined && before !== action.target) problems.push(`${where}: also updated by ${before}`);
            updated.set(key(role, at), action.target);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is in the zh-CN artifacts: each action text is where its target points', () => {
    const missing: string[] = [];
    for (const action of overlay.actions) {
      for (const role of NAMES) {
        for (const target of selectPaths(english[role], action.target) as Path[]) {
          for (const leaf of updateLeaves(action.update) as { path: Path; text: string }[]) {
            if (valueAt(translated[role], [...target, ...leaf.path]) !== leaf.text)
              missing.push(`${role} ${action.target} ${leaf.path.join('.')}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('translates every English text node of both roles in every release (coverage 100%)', () => {
    const untranslated: string[] = [];
    let total = 0;
    let codeOnly = 0;
    for (const role of NAMES) {
      for (const { path, text } of textNodes(english[role]) as TextNode[]) {
        if (isCodeOnly(text)) {
          codeOnly += 1;
          continue;
        }
        total += 1;
        const chinese = valueAt(translated[role], path);
        if (chinese === text || !isChinese(chinese))
          untranslated.push(
            `${role}  ${jsonPathOf(english[role], path)}\n    ${JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)}`,
          );
      }
    }
    const coverage = ((100 * (total - untranslated.length)) / total).toFixed(1);
    expect(
      untranslated,
      `${untranslated.length} of ${total} English text nodes (besides ${codeOnly} that are wire data only) have no Chinese text in ${OVERLAY_FILE}: coverage ${coverage}%. Add an action for each:\n${untranslated.join('\n')}`,
    ).toEqual([]);
  });

  it.each(['openapi', 'deref'])('changes nothing but text in the %s artifacts', (kind) => {
    for (const role of NAMES) {
      const source = kind === 'openapi' ? english[role] : deref(role, 'deref.json');
      const copy = structuredClone(kind === 'openapi' ? translated[role] : deref(role, `deref.${LANGUAGE}.json`)) as unknown as Record<
        string,
        unknown
      >;
      for (const { path } of textNodes(source) as TextNode[]) {
        const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | undefined;
        if (parent) parent[path.at(-1)!] = valueAt(source, path);
      }
      expect(copy).toEqual(source);
    }
  });
});

describe('isCodeOnly', () => {
  it('tells wire data from prose', () => {
    expect(isCodeOnly('`GET /configs?x`')).toBe(true);
    expect(isCodeOnly('`GET /meta/backup_policy?name=TEST1` (src/meta/test/meta_http_service_test.cpp:187-207)')).toBe(true);
    expect(isCodeOnly('`GET /config` or `GET /config?name=`')).toBe(false);
    expect(isCodeOnly('No such table')).toBe(false);
  });
});

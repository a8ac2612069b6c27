// The metric catalogue (x-pegasus-catalogue on KnownMetricName) says the same as its enum and as
// Appendix A of the reference notes (fixtures/metrics/appendix-a.md, verbatim): 214 metrics, each
// with its entity type, metric type, unit and definition site. It survives bundling in both roles.
import { readFileSync } from 'node:fs';
import { type JsonObject, loadDocument, ROLES, resolveRef } from '@pegasus-http/spec';
import { describe, expect, it } from 'vitest';

interface CatalogueEntry {
  entity: string;
  type: string;
  unit: string;
  description: string;
  source: string;
}

interface AppendixRow {
  name: string;
  entity: string;
  type: string;
  unit: string;
  source: string;
}

/** The rows of Appendix A's tables, under their `#### Entity type` headings, and the counts those headings announce. */
function appendixA(): { rows: AppendixRow[]; announced: Record<string, number> } {
  const text = readFileSync(new URL('./fixtures/metrics/appendix-a.md', import.meta.url), 'utf8');
  const rows: AppendixRow[] = [];
  const announced: Record<string, number> = {};
  let entity = '';
  for (const line of text.split('\n')) {
    const heading = /^#### Entity type `(\w+)` \((\d+) metrics\)$/.exec(line);
    if (heading) {
      entity = heading[1]!;
      announced[entity] = Number(heading[2]);
      continue;
    }
    const row = /^\| `(\w+)` \| `(\w+)` \| `(\w+)` \| [^|]+ \| `([^`]+)` \|$/.exec(line);
    if (row) rows.push({ name: row[1]!, entity, type: row[2]!, unit: row[3]!, source: row[4]! });
  }
  return { rows, announced };
}

describe.each(ROLES)('the metric catalogue of %s', (role) => {
  const document = loadDocument(role);
  const schema = document.components!.schemas!.KnownMetricName as JsonObject & {
    enum: string[];
    'x-pegasus-catalogue': Record<string, CatalogueEntry>;
  };
  const catalogue = schema['x-pegasus-catalogue'];
  const { rows, announced } = appendixA();

  it('describes exactly the names of the enum, in the same order', () => {
    expect(schema.type).toBe('string');
    expect(Object.keys(catalogue)).toEqual(schema.enum);
    expect(new Set(schema.enum).size).toBe(schema.enum.length);
  });

  it('has the 214 metrics of Appendix A, each with its entity, type, unit and source', () => {
    expect(rows).toHaveLength(214);
    expect(Object.values(announced).reduce((a, b) => a + b, 0)).toBe(214);
    expect(schema.enum).toHaveLength(214);
    const fromCatalogue = Object.entries(catalogue).map(([name, { entity, type, unit, source }]) => ({ name, entity, type, unit, source }));
    expect(fromCatalogue).toEqual(rows);
  });

  it('uses only the entity types, metric types and units the schemas know', () => {
    const enumOf = (name: string) => (document.components!.schemas![name] as { enum: string[] }).enum;
    for (const [name, entry] of Object.entries(catalogue)) {
      expect(enumOf('MetricEntityType'), name).toContain(entry.entity);
      expect(enumOf('MetricType'), name).toContain(entry.type);
      expect(enumOf('MetricUnit'), name).toContain(entry.unit);
      expect(entry.source, name).toMatch(/^src\/[\w/.-]+\.cpp:\d+$/);
      expect(entry.description, name).toMatch(/^[A-Z`].{10,}\.$/);
    }
  });

  it('is reached from the `metrics` filter of /metrics, so that bundling keeps it', () => {
    const operation = document.paths['/metrics']!.get as JsonObject & { parameters: unknown[] };
    const metrics = operation.parameters.map((p) => resolveRef<JsonObject>(document, p)).find((p) => p.name === 'metrics')!;
    const items = (metrics.schema as { items: { anyOf: { $ref?: string }[] } }).items.anyOf;
    expect(items.map((s) => s.$ref)).toContain('#/components/schemas/KnownMetricName');
    const deref = loadDocument(role, 'deref.json');
    expect(JSON.stringify(deref.paths['/metrics'])).toContain('"x-pegasus-catalogue"');
  });
});

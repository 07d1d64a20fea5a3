import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/model/limits.js';
import { jsonSchema } from '../../src/model/json-schema.js';
import { parseBatch, parseEnterprise, safeParseRecord } from '../../src/model/parse.js';
import { enterprise, project } from './fixtures.js';

describe('custom attributes', () => {
  it('accepts categorical, numeric and boolean values on enterprises and projects', () => {
    const e = parseEnterprise({
      ...enterprise,
      attributes: { revLineCr: true, urbanRural: 'rural', creditGrade: 'A', 'score.internal': 712 },
    });
    expect(e.attributes).toEqual({
      revLineCr: true,
      urbanRural: 'rural',
      creditGrade: 'A',
      'score.internal': 712,
    });
    const p = safeParseRecord('project', { ...project, attributes: { state: 'CA' } });
    expect(p.ok).toBe(true);
  });

  it('is optional', () => {
    expect(parseEnterprise(enterprise).attributes).toBeUndefined();
  });

  it('reports a bad key, a bad value and too many keys with their paths', () => {
    const tooMany = Object.fromEntries(
      Array.from({ length: LIMITS.attributeCount + 1 }, (_, i) => [`k${i}`, i]),
    );
    const { records, errors } = parseBatch(
      'enterprise',
      [
        { ...enterprise, id: 'bad-key', attributes: { '1abc': 'x' } },
        { ...enterprise, id: 'bad-value', attributes: { grade: { nested: 1 } } },
        { ...enterprise, id: 'nan', attributes: { score: Number.NaN } },
        { ...enterprise, id: 'empty', attributes: { grade: '' } },
        { ...enterprise, id: 'many', attributes: tooMany },
        { ...enterprise, id: 'good', attributes: { grade: 'B' } },
      ],
      { locale: 'en' },
    );
    expect(records.map((r) => r.id)).toEqual(['good']);
    const byId = new Map(errors.map((e) => [e.id, e.issues]));
    expect(byId.get('bad-key')?.[0]?.path).toMatch(/^attributes/);
    expect(byId.get('bad-key')?.map((i) => i.code)).toContain('attribute_key');
    expect(byId.get('bad-value')?.[0]?.path).toBe('attributes.grade');
    expect(byId.get('nan')?.[0]?.path).toBe('attributes.score');
    expect(byId.get('empty')?.[0]?.path).toBe('attributes.grade');
    expect(byId.get('many')?.map((i) => i.code)).toContain('attribute_count');
  });

  it('is documented in the JSON Schemas', () => {
    for (const kind of ['enterprise', 'project'] as const) {
      const schema = jsonSchema(kind) as { properties: Record<string, { description?: string }> };
      expect(schema.properties.attributes?.description).toMatch(/Custom attributes/);
    }
  });
});

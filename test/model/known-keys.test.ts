import { describe, expect, it } from 'vitest';
import { safeParseRecord } from '../../src/model/parse.js';
import { knownKeysAt, suggestField } from '../../src/model/known-keys.js';
import { loadSchemas } from '../../src/model/parse.js';
import { enterprise, product } from './fixtures.js';

function issues(kind: 'enterprise' | 'product', value: unknown, locale: 'zh' | 'en' = 'en') {
  const result = safeParseRecord(kind, value, { locale });
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('unknown fields: did you mean', () => {
  it('suggests the field a typo meant, at its own path, in both locales', () => {
    const { collateral, ...rest } = enterprise;
    const [issue] = issues('enterprise', { ...rest, colateral: collateral });
    expect(issue).toMatchObject({
      recordId: enterprise.id,
      path: 'colateral',
      code: 'unknown_field',
      suggestion: 'collateral',
      expected: 'the field collateral',
    });
    expect(issue!.message).toBe('unknown field: colateral; did you mean collateral?');
    const [zh] = issues('enterprise', { ...rest, colateral: collateral }, 'zh');
    expect(zh!.message).toBe('未知字段：colateral；是否想写 collateral？');
    expect(zh!.suggestion).toBe('collateral');
  });

  it('looks among the keys of the nested object the field is in', () => {
    const need = { ...enterprise.need, termMonth: 12 } as Record<string, unknown>;
    delete need.termMonths;
    const found = issues('enterprise', { ...enterprise, need }).find(
      (i) => i.code === 'unknown_field',
    );
    expect(found).toMatchObject({ path: 'need.termMonth', suggestion: 'termMonths' });
    const amount = issues('product', { ...product, amount: { ...product.amount, mx: 1 } }).find(
      (i) => i.code === 'unknown_field',
    );
    expect(amount).toMatchObject({ path: 'amount.mx', suggestion: 'max' });
  });

  it('reports each unknown field separately, and suggests nothing for an unrelated name', () => {
    const found = issues('enterprise', { ...enterprise, revenue: 1, xyzzy: 2 }).filter(
      (i) => i.code === 'unknown_field',
    );
    expect(found.map((i) => i.path)).toEqual(['revenue', 'xyzzy']);
    expect(found[1]!.suggestion).toBeUndefined();
    expect(found[1]!.expected).toBe('a field defined by the data model');
  });

  it('knownKeysAt walks objects, arrays and optional wrappers', () => {
    const schema = loadSchemas().schemas.enterprise as never;
    expect(knownKeysAt(schema, [])).toContain('collateral');
    expect(knownKeysAt(schema, ['need'])).toContain('termMonths');
    expect(knownKeysAt(schema, ['existingLoans', 0])).toEqual(
      expect.arrayContaining(['amount', 'maturity']),
    );
    expect(knownKeysAt(schema, ['nope'])).toEqual([]);
  });

  it('suggestField stays within two edits (Damerau–Levenshtein)', () => {
    const known = ['collateral', 'chains', 'zones', 'regions'];
    expect(suggestField('colateral', known)).toBe('collateral');
    expect(suggestField('collaterla', known)).toBe('collateral'); // one transposition
    expect(suggestField('colatteral', known)).toBe('collateral'); // two edits
    expect(suggestField('cllatrl', known)).toBeUndefined(); // three edits
    expect(suggestField('region', known)).toBe('regions');
    expect(suggestField('xyz', known)).toBeUndefined();
  });
});

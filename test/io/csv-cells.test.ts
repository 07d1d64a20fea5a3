import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CSV_BOOLEAN_FIELDS,
  CSV_NUMERIC_FIELDS,
  convertCell,
  parseColumnPath,
  setAtPath,
} from '../../src/io/csv-cells.js';
import { loadSchemas } from '../../src/model/parse.js';

/** Last path segments of the schema's leaves of one zod type (numbers or booleans). */
function leafNames(
  schema: unknown,
  type: 'number' | 'boolean',
  name: string | undefined,
  out: Set<string>,
): void {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return;
  switch (def.type) {
    case type:
      if (name !== undefined) out.add(name);
      return;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>))
        leafNames(child, type, key, out);
      return;
    case 'array':
      leafNames(def.element, type, name, out);
      return;
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      leafNames(def.innerType, type, name, out);
      return;
    case 'pipe':
      leafNames(def.in, type, name, out);
      return;
    default:
      return;
  }
}

describe('CSV cell convention', () => {
  it('knows every numeric and boolean field of the data model (no drift from the schemas)', () => {
    const numbers = new Set<string>();
    const booleans = new Set<string>();
    for (const schema of Object.values(loadSchemas().schemas)) {
      leafNames(schema, 'number', undefined, numbers);
      leafNames(schema, 'boolean', undefined, booleans);
    }
    expect([...numbers].sort()).toEqual([...CSV_NUMERIC_FIELDS].sort());
    expect([...booleans].sort()).toEqual([...CSV_BOOLEAN_FIELDS].sort());
  });

  it('converts numbers only in numeric fields', () => {
    expect(convertCell('amount', ' 5000000 ')).toEqual({ kind: 'value', value: 5_000_000 });
    expect(convertCell('amount', '-3.5e2')).toEqual({ kind: 'value', value: -350 });
    expect(convertCell('amount', '5,000')).toEqual({ kind: 'value', value: '5,000' });
    expect(convertCell('amount', 'Infinity')).toEqual({ kind: 'value', value: 'Infinity' });
    expect(convertCell('region', '320102')).toEqual({ kind: 'value', value: '320102' });
    expect(convertCell('id', '0042')).toEqual({ kind: 'value', value: '0042' });
    expect(convertCell('renewalWithoutRepayment', 'False')).toEqual({
      kind: 'value',
      value: false,
    });
    expect(convertCell('name', 'true')).toEqual({ kind: 'value', value: 'true' });
    expect(convertCell('name', '')).toEqual({ kind: 'absent' });
    expect(convertCell('name', '  ')).toEqual({ kind: 'absent' });
    expect(convertCell('sectors', '["C39", "I65"]')).toEqual({
      kind: 'value',
      value: ['C39', 'I65'],
    });
    expect(convertCell('need', '{"amount": 1}')).toEqual({ kind: 'value', value: { amount: 1 } });
    expect(convertCell('sectors', '[C39]').kind).toBe('error');
  });

  it('never produces NaN or infinities (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CSV_NUMERIC_FIELDS), fc.string(), (field, cell) => {
        const converted = convertCell(field, cell);
        if (converted.kind === 'value' && typeof converted.value === 'number') {
          expect(Number.isFinite(converted.value)).toBe(true);
        }
      }),
    );
  });

  it('parses column paths', () => {
    expect(parseColumnPath('need.amount')).toEqual(['need', 'amount']);
    expect(parseColumnPath(' chains[0].chainId ')).toEqual(['chains', 0, 'chainId']);
    expect(parseColumnPath('a[1][2]')).toEqual(['a', 1, 2]);
    for (const bad of [
      '',
      'a.',
      '.a',
      'a..b',
      '[0]',
      'a[x]',
      'a[0',
      'constructor',
      'a.prototype',
      'a[99999]',
    ]) {
      expect(parseColumnPath(bad), bad).toBeUndefined();
    }
  });

  it('sets nested values and refuses to descend into scalars', () => {
    const target: Record<string, unknown> = {};
    expect(setAtPath(target, ['need', 'amount'], 1)).toBeUndefined();
    expect(setAtPath(target, ['list', 1, 'x'], 2)).toBeUndefined();
    expect(target).toEqual({ need: { amount: 1 }, list: [undefined, { x: 2 }] });
    expect(setAtPath(target, ['need', 'amount', 'deeper'], 3)).toMatch(/cannot set/);
  });
});

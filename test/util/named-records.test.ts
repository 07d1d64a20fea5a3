import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { namedRecords } from '../../src/util/named-records.js';

/** The records written name by name (what the builders replaced): every builder must equal them, key order included. */
function byName(names: readonly string[], values: ArrayLike<number>, nullNaN: boolean) {
  const record: Record<string, number | null> = {};
  for (let i = 0; i < names.length; i++) {
    const v = values[i]!;
    record[names[i]!] = nullNaN && v !== v ? null : v;
  }
  return record;
}

const names = fc.uniqueArray(
  fc.oneof(
    fc.string({ maxLength: 6 }),
    // Never '__proto__': defineProfile rejects that factor name.
    fc.constantFrom(
      'constructor',
      'hasOwnProperty',
      'toString',
      '0',
      '1',
      '10',
      '-1',
      '名称',
      '"',
      '\\',
    ),
  ),
  { maxLength: 16 },
);
const row = (n: number) =>
  fc.array(fc.oneof(fc.double(), fc.constantFrom(NaN, -0, 0, 1)), { minLength: n, maxLength: n });

function check(list: readonly string[], values: number[]): void {
  const records = namedRecords(list);
  for (const [record, nullNaN] of [
    [records.contributions(values), false],
    [records.factors(values), true],
  ] as const) {
    const expected = byName(list, values, nullNaN);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected))
      expect(Object.is(record[key], expected[key])).toBe(true);
  }
}

describe('namedRecords', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('builds the record writing each name would: same keys, order, values, prototype (property)', () => {
    fc.assert(
      fc.property(
        names.chain((list) => fc.tuple(fc.constant(list), row(list.length))),
        ([list, values]) => check(list, values),
      ),
      { numRuns: 300 },
    );
  });

  test('without code generation (a content security policy), the same records', () => {
    vi.stubGlobal('Function', function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    });
    fc.assert(
      fc.property(
        names.chain((list) => fc.tuple(fc.constant(list), row(list.length))),
        ([list, values]) => check(list, values),
      ),
      { numRuns: 100 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortGroupsByKeyDesc, sortInt32Range } from '../../src/assign/sort.js';

describe('sortInt32Range', () => {
  it('sorts the range ascending and leaves the rest alone (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        (values, a, b) => {
          const keys = Int32Array.from(values);
          const lo = values.length === 0 ? 0 : a % (values.length + 1);
          const hi = lo + (values.length === 0 ? 0 : b % (values.length - lo + 1));
          sortInt32Range(keys, lo, hi);
          const expected = [
            ...values.slice(0, lo),
            ...values.slice(lo, hi).sort((x, y) => x - y),
            ...values.slice(hi),
          ];
          expect([...keys]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sorts long ranges with many equal keys', () => {
    const keys = Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 13);
    sortInt32Range(keys, 0, keys.length);
    expect([...keys]).toEqual([...keys].sort((x, y) => x - y));
  });
});

describe('sortGroupsByKeyDesc', () => {
  it('sorts each group by key descending, equal keys in their order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }), { maxLength: 6 }),
        fc.boolean(),
        (groups, identityInput) => {
          const key = Float64Array.from(groups.flat(), (k) => k / 4);
          const start = new Int32Array(groups.length + 1);
          let at = 0;
          groups.forEach((group, g) => {
            at += group.length;
            start[g + 1] = at;
          });
          // Items listed in reverse within each group unless the identity input is tested.
          const order = new Int32Array(key.length);
          for (let g = 0; g < groups.length; g++)
            for (let i = start[g]!; i < start[g + 1]!; i++)
              order[i] = identityInput ? -1 : start[g]! + start[g + 1]! - 1 - i;
          const input = identityInput ? Int32Array.from(order, (_, i) => i) : order.slice();
          sortGroupsByKeyDesc(order, start, key, identityInput);
          for (let g = 0; g < groups.length; g++) {
            const items = [...input.subarray(start[g]!, start[g + 1]!)];
            // Array.prototype.sort is stable: the reference order.
            const expected = items.sort((x, y) => key[y]! - key[x]!);
            expect([...order.subarray(start[g]!, start[g + 1]!)]).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

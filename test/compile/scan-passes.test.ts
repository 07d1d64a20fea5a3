/**
 * The scan's column passes handle four rows per iteration (reading all four before writing,
 * since the filters compact the candidate list in place) and sum up to four dense bound terms
 * per pass from tables by code. Each is held here to the one-row-at-a-time loop it replaces, on
 * lists of every length modulo four, with removed rows, NaN values and — for a pass table —
 * entries computed on the way (each code computed once, even when rows of one group share it).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { scanPasses } from '../../src/compile/prospect.js';

const { UNKNOWN, FAIL, PASS } = scanPasses.states;

/** Codes below `codes` for `rows` rows, and a 0/1 flag per row. */
const rowsOf = (codes: number) =>
  fc.integer({ min: 0, max: 41 }).chain((rows) =>
    fc.record({
      codes: fc.array(fc.integer({ min: 0, max: codes - 1 }), { minLength: rows, maxLength: rows }),
      flags: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rows, maxLength: rows }),
      withAlive: fc.boolean(),
    }),
  );

/** Ascending row subset of `0..rows-1` chosen by `pick`. */
const subset = (rows: number, pick: readonly number[]) =>
  Array.from({ length: rows }, (_, r) => r).filter((r) => pick[r] === 1);

describe('scan passes, four rows per iteration', () => {
  test('candidates by code keep the live rows whose code passes, in row order', () => {
    fc.assert(
      fc.property(
        rowsOf(6),
        fc.array(fc.constantFrom(PASS, FAIL), { minLength: 6, maxLength: 6 }),
        ({ codes, flags, withAlive }, states) => {
          const rowCount = codes.length;
          const table = Uint8Array.from(states);
          const column = Uint16Array.from(codes);
          const alive = withAlive ? Uint8Array.from(flags) : null;
          const cand = new Int32Array(rowCount);
          const n = scanPasses.candidatesByCode(table, column, alive, rowCount, cand);
          const expected = codes
            .map((c, r) => (table[c] === PASS && (alive === null || alive[r] === 1) ? r : -1))
            .filter((r) => r >= 0);
          expect(Array.from(cand.subarray(0, n))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('unmarked rows are the live rows without a mark, in row order', () => {
    fc.assert(
      fc.property(rowsOf(2), ({ codes, flags, withAlive }) => {
        const rowCount = codes.length;
        const mask = Uint8Array.from(codes);
        const alive = withAlive ? Uint8Array.from(flags) : null;
        const cand = new Int32Array(rowCount);
        const n = scanPasses.unmarkedRows(mask, alive, rowCount, cand);
        const expected = codes
          .map((marked, r) => (marked === 0 && (alive === null || alive[r] === 1) ? r : -1))
          .filter((r) => r >= 0);
        expect(Array.from(cand.subarray(0, n))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('a pass-table filter keeps the passing candidates in order and computes each unknown code once', () => {
    fc.assert(
      fc.property(
        rowsOf(5),
        fc.array(fc.constantFrom(UNKNOWN, FAIL, PASS), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        ({ codes, flags }, initial, verdicts, kernel) => {
          const column = Uint8Array.from(codes);
          const rows = subset(codes.length, flags);
          const cand = Int32Array.from(rows);
          const table = Uint8Array.from(initial);
          const computed: number[] = [];
          const compute = (j: number, code: number) => {
            expect(j).toBe(3);
            expect(table[code]).toBe(UNKNOWN);
            computed.push(code);
            table[code] = verdicts[code] ? PASS : FAIL;
            return table[code]!;
          };
          const states = {
            rulePass: (j: number, code: number) => (kernel ? -1 : compute(j, code)),
            kernelRulePass: (j: number, code: number) => (kernel ? compute(j, code) : -1),
          };
          const n = scanPasses.filterByPassTable(
            cand,
            rows.length,
            column,
            table,
            states,
            3,
            kernel,
          );
          const pass = (code: number) =>
            initial[code] === UNKNOWN ? verdicts[code] : initial[code] === PASS;
          expect(Array.from(cand.subarray(0, n))).toEqual(rows.filter((r) => pass(codes[r]!)));
          const unknownMet = [...new Set(rows.map((r) => codes[r]!))].filter(
            (c) => initial[c] === UNKNOWN,
          );
          expect([...computed].sort()).toEqual(unknownMet.sort());
        },
      ),
      { numRuns: 400 },
    );
  });

  test('a two-table filter keeps, in order, the candidates whose codes pass both tables', () => {
    const states = fc.array(fc.constantFrom(FAIL, PASS), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(rowsOf(5), rowsOf(5), states, states, (one, other, sa, sb) => {
        const rows = Math.min(one.codes.length, other.codes.length);
        const a = Uint8Array.from(one.codes.slice(0, rows));
        const b = Uint16Array.from(other.codes.slice(0, rows));
        const ta = Uint8Array.from(sa);
        const tb = Uint8Array.from(sb);
        const kept = subset(rows, one.flags);
        const cand = Int32Array.from(kept);
        const n = scanPasses.filterByTwoTables(cand, kept.length, a, ta, b, tb);
        const expected = kept.filter((r) => ta[a[r]!] === PASS && tb[b[r]!] === PASS);
        expect(Array.from(cand.subarray(0, n))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('an interval filter keeps the candidates whose value lies in [min, max] (NaN never)', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 41 }),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (values, min, width) => {
          const max = min + width;
          const numbers = Float64Array.from(values);
          const rows = values.map((_, r) => r).filter((r) => r % 3 !== 1);
          const cand = Int32Array.from(rows);
          const n = scanPasses.filterByInterval(cand, rows.length, numbers, min, max);
          const expected = rows.filter((r) => numbers[r]! >= min && numbers[r]! <= max);
          expect(Array.from(cand.subarray(0, n))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('dense terms summed from tables by code, four, two and one per pass, equal the per-term sums', () => {
    // A term: a code column over the rows and its values by code, direct (a table) or through
    // slots (0 = not computed: the term's `unknown`).
    const term = fc.integer({ min: 1, max: 7 }).chain((size) =>
      fc.record({
        values: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: size + 1,
          maxLength: size + 1,
        }),
        slots: fc.option(
          fc.array(fc.integer({ min: 0, max: size }), { minLength: size, maxLength: size }),
        ),
        weight: fc.double({ min: 0, max: 4, noNaN: true }),
        unknown: fc.double({ min: 0, max: 4, noNaN: true }),
        codes: fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: 23, maxLength: 23 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(term, { minLength: 1, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 23, maxLength: 23 }),
        (terms, pick) => {
          const rows = subset(23, pick);
          const cand = Int32Array.from(rows);
          const n = rows.length;
          const sizes = terms.map((t) => (t.slots ? t.slots.length : t.values.length));
          const table = new Float64Array(sizes.reduce((a, b) => a + b, 0));
          const offsets: number[] = [];
          let offset = 0;
          const value = terms.map((t) => {
            const slots = t.slots;
            return (code: number) =>
              slots
                ? slots[code] === 0
                  ? t.unknown
                  : t.weight * t.values[slots[code]!]!
                : t.weight * t.values[code]!;
          });
          terms.forEach((t, i) => {
            if (t.slots)
              scanPasses.directFromSlots(
                Uint8Array.from(t.slots),
                Float64Array.from(t.values),
                sizes[i]!,
                t.weight,
                t.unknown,
                table,
                offset,
              );
            else
              scanPasses.directFromTable(
                Float64Array.from(t.values),
                sizes[i]!,
                t.weight,
                table,
                offset,
              );
            for (let c = 0; c < sizes[i]!; c++) expect(table[offset + c]).toBe(value[i]!(c));
            offsets.push(offset);
            offset += sizes[i]!;
          });
          const columns = terms.map((t) => Uint16Array.from(t.codes));
          const keyed = new Float64Array(n).fill(0.5);
          scanPasses.addDirectTerms(cand, n, table, columns, offsets, keyed);
          rows.forEach((r, i) => {
            let expected = 0.5;
            terms.forEach((term, j) => (expected += value[j]!(term.codes[r]!)));
            expect(keyed[i]).toBeCloseTo(expected, 12);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

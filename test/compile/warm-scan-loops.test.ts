/**
 * `warmScanLoops` runs the scan's loops on a new index's columns so that V8 optimises them
 * before the first ranking. What it leaves belongs to the functions, not to the index, so a
 * process warms them once for each form of columns (array types, integer or fractional
 * values, masked rows) and a later index with nothing new skips it. Its own file: the forms
 * warmed are the module's state for the rest of the process.
 */
import { expect, test } from 'vitest';
import { SubjectColumns } from '../../src/compile/columns.js';
import { WARM_ROWS, warmScanLoops } from '../../src/compile/prospect.js';

type Row = { id: string; k: number; a: number };
const plan = {
  env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
  keys: [(s: Row) => String(s.k)],
  columns: [{ name: 'a', column: (s: Row) => s.a }],
  vectors: [],
};
/** `n` rows over `keys` distinct keys; 50 distinct values, whole or with a fraction. */
const columnsOf = (n: number, keys: number, fraction: number) =>
  new SubjectColumns<Row>(
    plan as never,
    Array.from({ length: n }, (_, i) => ({
      id: String(i).padStart(6, '0'),
      k: i % keys,
      a: (i % 50) + fraction,
    })),
  );

test('the scan loops are warmed once per process for each form of columns, then skipped', () => {
  const rows = WARM_ROWS + 100;
  // Fewer rows than a full warm-up: it runs, and runs again (nothing recorded).
  const small = columnsOf(WARM_ROWS >> 2, 7, 0);
  expect(warmScanLoops(small)).toBe(true);
  expect(warmScanLoops(small)).toBe(true);
  // A full one records the forms: the same forms again, in this or another index, are skipped.
  const whole = columnsOf(rows, 7, 0);
  expect(whole.codes[0]).toBeInstanceOf(Uint8Array);
  expect(whole.numberCodes[0]).toBeInstanceOf(Uint8Array);
  expect(warmScanLoops(whole)).toBe(true);
  expect(warmScanLoops(whole)).toBe(false);
  expect(warmScanLoops(columnsOf(rows + 5, 9, 0))).toBe(false);
  expect(warmScanLoops(small)).toBe(false);
  // Fractional values (an array V8 holds as doubles, not small integers): warmed once more.
  const fractional = columnsOf(rows, 7, 0.5);
  expect(warmScanLoops(fractional)).toBe(true);
  expect(warmScanLoops(fractional)).toBe(false);
  // A code column of a wider array type.
  const wide = columnsOf(rows, 1000, 0);
  expect(wide.codes[0]).toBeInstanceOf(Uint16Array);
  expect(warmScanLoops(wide)).toBe(true);
  expect(warmScanLoops(wide)).toBe(false);
  // Removed rows (the loops then read the live-row mask).
  whole.remove(whole.ids[3]!);
  expect(warmScanLoops(whole)).toBe(true);
  expect(warmScanLoops(whole)).toBe(false);
});

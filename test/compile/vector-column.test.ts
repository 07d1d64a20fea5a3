/**
 * VectorColumn: rows set, replaced, cleared, grown and selected in any order read back the
 * vectors they were given, and a row's dot product equals dot32 of the subject's own vector
 * bit for bit — dense, sparse, sparse with every value 1, a vector object shared by
 * consecutive rows, dimensions past 16 bits, and the pools repacked after many replacements.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VectorColumn } from '../../src/compile/vector-column.js';
import { dot32 } from '../../src/compile/plan.js';
import type { SubjectVector } from '../../src/engine/types.js';

const DIMENSION = 40;

/** A vector over `dimension`: dense, sparse, or sparse with every value 1. */
const vectorOf = (dimension: number) =>
  fc.oneof(
    fc
      .array(fc.float({ noNaN: true, min: -4, max: 4 }), {
        minLength: dimension,
        maxLength: dimension,
      })
      .map((v) => Float32Array.from(v) as SubjectVector),
    fc
      .uniqueArray(fc.integer({ min: 0, max: dimension - 1 }), { maxLength: 12 })
      .chain((dims) =>
        fc.tuple(
          fc.constant(Int32Array.from(dims.sort((a, b) => a - b))),
          fc.oneof(
            fc.constant(null),
            fc.array(fc.float({ noNaN: true, min: -4, max: 4 }), {
              minLength: dims.length,
              maxLength: dims.length,
            }),
          ),
        ),
      )
      .map(([indices, values]): SubjectVector => ({
        indices,
        values: values ? Float32Array.from(values) : new Float32Array(indices.length).fill(1),
      })),
  );

const opOf = (rows: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        row: fc.nat(rows - 1),
        vector: fc.option(vectorOf(DIMENSION), { freq: 5 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('again' as const), row: fc.nat(rows - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('select' as const),
        keep: fc.uniqueArray(fc.nat(rows - 1), { maxLength: rows }),
      }),
    },
  );

/** Every row of `column` holds `expected`'s vector, and dots as dot32 does. */
function expectRows(
  column: VectorColumn,
  expected: (SubjectVector | null)[],
  target: Float32Array,
): void {
  for (let row = 0; row < expected.length; row++) {
    const want = expected[row] ?? null;
    const got = column.get(row);
    if (want === null) {
      expect(got).toBeNull();
      expect(column.components(row)).toBe(-1);
      continue;
    }
    expect(got).not.toBeNull();
    if (want instanceof Float32Array) expect(got).toEqual(want);
    else {
      const sparse = got as { indices: Int32Array; values: Float32Array };
      expect(Array.from(sparse.indices)).toEqual(Array.from(want.indices));
      expect(Array.from(sparse.values)).toEqual(Array.from(want.values));
    }
    expect(Object.is(column.dot(row, target), dot32(want, target))).toBe(true);
  }
}

describe('VectorColumn', () => {
  it('reads back what each row was given, through replacements, clears, growth and selection', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.array(opOf(24), { maxLength: 80 }),
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -8, max: 8 }), {
          minLength: DIMENSION,
          maxLength: DIMENSION,
        }),
        (initial, ops, t) => {
          const target = Float32Array.from(t);
          let column = new VectorColumn(initial, DIMENSION);
          let expected: (SubjectVector | null)[] = [];
          let lastGiven: SubjectVector | null = null;
          for (const op of ops) {
            if (op.kind === 'select') {
              const keep = op.keep.filter((r) => r < column.capacity);
              column = column.select(keep, Math.max(1, keep.length));
              expected = keep.map((r) => expected[r] ?? null);
              lastGiven = null;
              continue;
            }
            if (op.row >= column.capacity) column.grow(op.row + 1);
            // `again`: the vector object last given, for another row (stored once).
            const vector: SubjectVector | null = op.kind === 'again' ? lastGiven : op.vector;
            column.set(op.row, vector);
            expected[op.row] = vector;
            if (vector) lastGiven = vector;
          }
          expectRows(column, expected, target);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a vector given for consecutive rows once, and keeps sharing it when selected', () => {
    const unit = Float32Array.of(1, 2, 3, 4);
    const rows = 5000;
    const column = new VectorColumn(rows, 4);
    for (let row = 0; row < rows; row++) column.set(row, unit);
    // One range for every row: 4 components in the initial pool, not 20,000.
    for (let row = 1; row < rows; row++) expect(column.offset[row]).toBe(column.offset[0]);
    expect(column.byteLength()).toBe(rows * 9 + 1024 * 4);
    const kept = column.select(
      Array.from({ length: 2500 }, (_, i) => i * 2),
      2500,
    );
    for (let row = 1; row < 2500; row++) expect(kept.offset[row]).toBe(kept.offset[0]);
    expect(kept.byteLength()).toBe(2500 * 9 + 1024 * 4);
    expect(kept.dot(2499, Float32Array.of(0.25, 0.5, 1, 2))).toBe(0.25 + 1 + 3 + 8);
  });

  it('reads back empty vectors, also from a column with no pool (after select)', () => {
    const empty: SubjectVector = { indices: new Int32Array(0), values: new Float32Array(0) };
    const column = new VectorColumn(2, DIMENSION);
    column.set(0, empty);
    column.set(1, new Float32Array(0));
    const kept = column.select([0, 1], 2);
    for (const c of [column, kept]) {
      expect(c.get(0)).toEqual(empty);
      expect(c.get(1)).toEqual(new Float32Array(0));
      expect(c.dot(0, new Float32Array(DIMENSION))).toBe(0);
      expect(c.components(0)).toBe(0);
    }
  });

  it('takes undefined as no vector (a hook written in JavaScript may return it)', () => {
    const column = new VectorColumn(1, DIMENSION);
    column.set(0, new Float32Array(DIMENSION));
    column.set(0, undefined);
    expect(column.get(0)).toBeNull();
    expect(column.components(0)).toBe(-1);
  });

  it('keeps dimensions in 16 bits while they fit, and in 32 past them, the rows unchanged', () => {
    const column = new VectorColumn(3, 10);
    const ones = (indices: number[]): SubjectVector => ({
      indices: Int32Array.from(indices),
      values: new Float32Array(indices.length).fill(1),
    });
    column.set(0, ones([1, 65_535]));
    expect(column.indices).toBeInstanceOf(Uint16Array);
    column.set(1, ones([2, 70_000]));
    expect(column.indices).toBeInstanceOf(Int32Array);
    const target = new Float32Array(70_001).fill(0.5);
    target[65_535] = 2;
    target[70_000] = 3;
    expect(column.dot(0, target)).toBe(0.5 + 2);
    expect(column.dot(1, target)).toBe(0.5 + 3);
    expect(Array.from((column.get(0) as { indices: Int32Array }).indices)).toEqual([1, 65_535]);
  });

  it('repacks its pools when replacements leave most of them unused', () => {
    const column = new VectorColumn(10, DIMENSION);
    const target = Float32Array.from({ length: DIMENSION }, (_, i) => i / 8);
    let vectors: SubjectVector[] = [];
    for (let round = 0; round < 400; round++) {
      vectors = Array.from({ length: 10 }, (_, row) =>
        Float32Array.from({ length: DIMENSION }, (_, i) => (round + row + i) % 7),
      );
      vectors.forEach((v, row) => column.set(row, v));
    }
    // 400 rounds of 10 dense rows: 160,000 components given, at most a few rounds' kept.
    expect(column.byteLength()).toBeLessThan(10 * 9 + 16 * 4 * 10 * DIMENSION);
    expectRows(column, vectors, target);
  });
});

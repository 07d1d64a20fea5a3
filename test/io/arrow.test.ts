/**
 * The Arrow IPC files finmatch writes are read back by apache-arrow's `tableFromIPC` (a dev
 * dependency only): schema, dictionaries, every value, any number of batches.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ArrowFileWriter, type ArrowColumn } from '../../src/io/arrow.js';

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Writes a file of `batches`, each a list of per-column arrays. */
function write(columns: ArrowColumn[], batches: (Int32Array | Float64Array)[][]): Uint8Array {
  const w = new ArrowFileWriter(columns);
  const parts = [...w.start()];
  for (const b of batches) parts.push(...w.batch(b[0]!.length, b));
  parts.push(...w.finish());
  return concat(parts);
}

const values = (t: Table, name: string): unknown[] => t.getChild(name)!.toArray() as unknown[];
const list = (t: Table, name: string): unknown[] => [...t.getChild(name)!];

describe('ArrowFileWriter', () => {
  const columns: ArrowColumn[] = [
    { name: 'enterpriseId', type: 'dictionary', dictionary: ['ent-1', 'ent-2', '企业-3'] },
    { name: 'rank', type: 'int32' },
    { name: 'productId', type: 'dictionary', dictionary: ['prod-a', 'prod-b'] },
    { name: 'score', type: 'float64' },
  ];

  test('a sweep-shaped file: schema, dictionaries and values as written', () => {
    const bytes = write(columns, [
      [
        Int32Array.of(0, 0, 1),
        Int32Array.of(1, 2, 1),
        Int32Array.of(1, 0, 0),
        Float64Array.of(0.9, 0.1 + 0.2, 1),
      ],
      [Int32Array.of(2), Int32Array.of(1), Int32Array.of(1), Float64Array.of(Number.MIN_VALUE)],
    ]);
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('ARROW1');
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 6))).toBe('ARROW1');
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(4);
    expect(t.batches).toHaveLength(2);
    expect(t.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['enterpriseId', 'Dictionary<Int32, Utf8>', false],
      ['rank', 'Int32', false],
      ['productId', 'Dictionary<Int32, Utf8>', false],
      ['score', 'Float64', false],
    ]);
    expect(list(t, 'enterpriseId')).toEqual(['ent-1', 'ent-1', 'ent-2', '企业-3']);
    expect(list(t, 'productId')).toEqual(['prod-b', 'prod-a', 'prod-a', 'prod-b']);
    expect([...values(t, 'rank')]).toEqual([1, 2, 1, 1]);
    expect([...values(t, 'score')]).toEqual([0.9, 0.1 + 0.2, 1, Number.MIN_VALUE]);
  });

  test('no batches, or an empty batch, is an empty table with the schema', () => {
    for (const batches of [
      [],
      [[new Int32Array(0), new Int32Array(0), new Int32Array(0), new Float64Array(0)]],
    ]) {
      const t = tableFromIPC(write(columns, batches));
      expect(t.numRows).toBe(0);
      expect(t.schema.fields.map((f) => f.name)).toEqual([
        'enterpriseId',
        'rank',
        'productId',
        'score',
      ]);
    }
  });

  test('rejects a batch whose columns do not fit the schema', () => {
    const w = new ArrowFileWriter(columns);
    w.start();
    expect(() => w.batch(1, [Int32Array.of(0)])).toThrow(/expected 4 columns/);
    expect(() =>
      w.batch(1, [Int32Array.of(0), Float64Array.of(1), Int32Array.of(0), Float64Array.of(1)]),
    ).toThrow(/rank: expected 1 Int32Array values/);
    expect(() => new ArrowFileWriter([])).toThrow(/at least one column/);
  });

  test('any table round-trips (random dictionaries, batches, doubles)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 20 }),
        fc.array(
          fc.array(
            fc.tuple(fc.nat(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.double()),
            {
              maxLength: 30,
            },
          ),
          { maxLength: 5 },
        ),
        (dictionary, batches) => {
          const cols: ArrowColumn[] = [
            { name: 'key', type: 'dictionary', dictionary },
            { name: 'n', type: 'int32' },
            { name: 'x', type: 'float64' },
          ];
          const t = tableFromIPC(
            write(
              cols,
              batches.map((rows) => [
                Int32Array.from(rows, (r) => r[0] % dictionary.length),
                Int32Array.from(rows, (r) => r[1]),
                Float64Array.from(rows, (r) => r[2]),
              ]),
            ),
          );
          const rows = batches.flat();
          expect(t.numRows).toBe(rows.length);
          expect(list(t, 'key')).toEqual(rows.map((r) => dictionary[r[0] % dictionary.length]));
          expect([...values(t, 'n')]).toEqual(rows.map((r) => r[1]));
          expect([...values(t, 'x')]).toEqual(rows.map((r) => r[2]));
        },
      ),
      { numRuns: 60 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ROW_HEADROOM,
  FEED_CHUNK,
  feedArray,
  feedChunks,
  KeyDictionary,
  livePostings,
  NUMERIC_CODE_LIMIT,
  POSTINGS_PATCH_LIMIT,
  SubjectColumns,
} from '../../src/compile/columns.js';
import { subjectKey } from '../../src/engine/rules/subject-key.js';
import { firm, type Firm } from './fixtures/firm.js';
import type { KeyEnv, SubjectKey } from '../../src/engine/types.js';

describe('SubjectColumns code columns', () => {
  test('start as Uint8 and widen to Uint16 then Uint32 as a dictionary grows, keeping codes', () => {
    const plan = {
      env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
      keys: [(s: { id: string }) => s.id, (s: { id: string }) => String(Number(s.id) % 3)],
      columns: [],
      vectors: [],
    };
    const subjects = Array.from({ length: 70000 }, (_, i) => ({ id: String(i) }));
    const columns = new SubjectColumns(plan as never, subjects.slice(0, 200));
    expect(columns.codes[0]).toBeInstanceOf(Uint8Array);
    for (const s of subjects.slice(200, 1000)) columns.upsert(s);
    expect(columns.codes[0]).toBeInstanceOf(Uint16Array);
    for (const s of subjects.slice(1000)) columns.upsert(s);
    expect(columns.codes[0]).toBeInstanceOf(Uint32Array);
    expect(columns.codes[1]).toBeInstanceOf(Uint8Array);
    for (let r = 0; r < subjects.length; r += 997) {
      expect(columns.codes[0]![r]).toBe(r);
      expect(columns.dicts[1]!.keys[columns.codes[1]![r]!]).toBe(String(r % 3));
    }
    const { offsets, rows } = columns.postings(0);
    expect(rows[offsets[65537]!]).toBe(65537);
    for (let r = 0; r < 60000; r++) columns.remove(String(r));
    columns.compact();
    expect(columns.size).toBe(10000);
    expect(columns.codes[0]).toBeInstanceOf(Uint32Array);
    expect(columns.codes[0]![0]).toBe(60000);
    expect(columns.ids[0]).toBe('60000');
  });

  test('a bulk load, a compaction and the tie ranks leave room for ROW_HEADROOM more rows: the first rows added after them copy no column', () => {
    const plan = {
      env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
      keys: [(s: { id: string }) => s.id.slice(0, 3)],
      columns: [{ name: 'n', column: (s: { id: string }) => s.id.length }],
      vectors: [],
    };
    const n = 4800;
    const id = (i: number) => `r-${String(i).padStart(6, '0')}`;
    const columns = new SubjectColumns(
      plan as never,
      Array.from({ length: n }, (_, i) => ({ id: id(i) })),
    );
    const arrays = () => [
      columns.codes[0],
      columns.numbers[0],
      columns.numberCodes[0],
      columns.alive,
    ];
    const before = arrays();
    // The tie ranks too, once read: the rows added since are placed in place.
    const ranks = columns.tieRank().buffer;
    const room = Math.ceil(n * (1 + ROW_HEADROOM)) - n;
    expect(room).toBe(300);
    for (let i = n; i < n + room; i++) {
      columns.upsert({ id: id(i) });
      if (i % 60 === 0) expect(columns.tieRank().buffer).toBe(ranks);
    }
    arrays().forEach((column, c) => expect(column).toBe(before[c]));
    expect(columns.tieRank().buffer).toBe(ranks);
    // The next row grows the columns, keeping every row.
    columns.upsert({ id: id(n + room) });
    arrays().forEach((column, c) => expect(column).not.toBe(before[c]));
    expect(columns.rowCount).toBe(n + room + 1);
    expect(columns.row(id(n + room))).toBe(n + room);
    expect(columns.numbers[0]![n + room]).toBe(8);
    // A compaction sizes the columns to the live rows, with the same room.
    for (let i = 0; i < n; i += 2) columns.remove(id(i));
    columns.compact();
    const live = n / 2 + room + 1;
    const compacted = arrays();
    for (let i = 0; i < Math.ceil(live * ROW_HEADROOM); i++) columns.upsert({ id: id(n * 2 + i) });
    arrays().forEach((column, c) => expect(column).toBe(compacted[c]));
    columns.upsert({ id: id(n * 3) });
    expect(columns.numbers[0]).not.toBe(compacted[1]);
  });

  test('a bulk-coded numeric column numbers values by first appearance, also values alike in their bits', () => {
    // Round amounts, powers of two and subnormals share most of their bits: the code table must
    // still tell every one apart.
    const alike = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((i) => i * 1e6),
      fc.integer({ min: -60, max: 60 }).map((i) => 2 ** i),
      fc.integer({ min: 1, max: 50 }).map((i) => i * Number.MIN_VALUE),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 0),
    );
    fc.assert(
      fc.property(fc.array(alike, { minLength: 1, maxLength: 3000 }), (xs) => {
        const plan = {
          env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
          keys: [],
          columns: [{ name: 'x', column: (s: { id: string }) => xs[Number(s.id)]! }],
          vectors: [],
        };
        const rows = xs.map((_, i) => ({ id: String(i).padStart(4, '0') }));
        const columns = new SubjectColumns(plan as never, rows);
        const codes = columns.numberCodes[0]!;
        const firstSeen: number[] = [];
        for (const x of xs) if (!firstSeen.some((y) => Object.is(x, y))) firstSeen.push(x);
        expect(columns.numberValues[0]).toEqual(firstSeen);
        xs.forEach((x, r) => expect(Object.is(columns.numberValues[0]![codes[r]!], x)).toBe(true));
        expect(codes).toBeInstanceOf(firstSeen.length <= 0x100 ? Uint8Array : Uint16Array);
      }),
      { numRuns: 60 },
    );
  });

  test('numeric columns are value-coded up to NUMERIC_CODE_LIMIT distinct values (and no −0)', () => {
    const plan = {
      env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
      keys: [],
      columns: [
        { name: 'mod', column: (s: { id: string }) => (Number(s.id) % 7) / 2 },
        { name: 'id', column: (s: { id: string }) => Number(s.id) },
        { name: 'neg', column: (s: { id: string }) => (s.id === '5' ? -0 : 1) },
      ],
      vectors: [],
    };
    const subjects = Array.from({ length: NUMERIC_CODE_LIMIT + 10 }, (_, i) => ({ id: String(i) }));
    const columns = new SubjectColumns(plan as never, subjects.slice(0, 1000));
    expect(columns.numberCodes[1]).toBeInstanceOf(Uint16Array);
    for (const s of subjects.slice(1000)) columns.upsert(s);
    const mod = columns.numberCodes[0]!;
    expect(mod).toBeInstanceOf(Uint8Array);
    for (let r = 0; r < subjects.length; r += 991)
      expect(columns.numberValues[0]![mod[r]!]).toBe(columns.numbers[0]![r]);
    expect(columns.numberCodes[1]).toBeNull();
    expect(columns.numberCodes[2]).toBeNull();
    for (let r = 0; r < 100; r++) columns.remove(String(r * 3));
    columns.compact();
    for (let r = 0; r < columns.rowCount; r += 997)
      expect(columns.numberValues[0]![columns.numberCodes[0]![r]!]).toBe(columns.numbers[0]![r]);
  });
});

describe('SubjectColumns.tieRank', () => {
  const plan = {
    env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
    keys: [],
    columns: [],
    vectors: [],
  };
  // The position of each row's id in ascending id order, computed independently.
  const expected = (ids: readonly string[]) => {
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return ids.map((id) => sorted.indexOf(id));
  };

  test('rows added in id order rank as they stand; any other order ranks by id', () => {
    const ascending = ['a-01', 'a-02', 'b-01', 'b-10', 'b-2', '企业-1'];
    const shuffled = ['b-10', 'a-02', '企业-1', 'a-01', 'b-2', 'b-01'];
    for (const ids of [ascending, shuffled, ['x'], []]) {
      const columns = new SubjectColumns(
        plan as never,
        ids.map((id) => ({ id })),
      );
      expect(Array.from(columns.tieRank())).toEqual(expected(ids));
    }
  });

  test('a row added after the ranks were read takes its place among them', () => {
    const columns = new SubjectColumns(plan as never, [{ id: 'b' }, { id: 'c' }]);
    expect(Array.from(columns.tieRank())).toEqual([0, 1]);
    columns.upsert({ id: 'a' });
    expect(Array.from(columns.tieRank())).toEqual([1, 2, 0]);
  });

  // Every row (removed ones too) by id, a removed row before the row that re-added its id.
  const stableRanks = (ids: readonly string[]) => {
    const order = ids.map((_, row) => row);
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
    const rank = new Array<number>(ids.length);
    order.forEach((row, pos) => (rank[row] = pos));
    return rank;
  };

  test('rows added, rewritten, removed and re-added between reads rank as a new sort would, and are found by id (property)', () => {
    // Up to 30 rows at first, so that a removal often leaves the columns uncompacted (they
    // compact past a quarter of the rows dead): a removed id re-added while its row is there.
    const id = fc.oneof(
      fc.constantFrom('a', 'aa', 'ab', 'é', '企业'),
      fc.integer({ min: 0, max: 40 }).map((i) => `e-${i}`),
    );
    const op = fc.oneof(
      fc.record({ upsert: fc.array(id, { minLength: 1, maxLength: 4 }) }),
      fc.record({ remove: id }),
      // Removed, then added again: a second row of that id while the first is a tombstone (a
      // live row's id, chosen by its position when the step runs).
      fc.record({ readd: fc.nat() }),
      fc.record({ read: fc.constant(true) }),
      fc.record({ compact: fc.constant(true) }),
      // A lookup by id (it may build the tie order): between other steps, so that ids are also
      // looked up while rows wait to be placed, or before any order was read.
      fc.record({ find: id }),
    );
    fc.assert(
      fc.property(
        // Half the time in id order: rows that ascend are looked up and ranked without a sort,
        // until a row out of order comes.
        fc
          .tuple(fc.uniqueArray(id, { maxLength: 30 }), fc.boolean())
          .map(([ids, sorted]) => (sorted ? ids.sort() : ids)),
        fc.array(op, { maxLength: 30 }),
        (start, ops) => {
          const columns = new SubjectColumns(
            plan as never,
            start.map((x) => ({ id: x })),
          );
          const expectRanks = () =>
            expect(Array.from(columns.tieRank())).toEqual(stableRanks(columns.ids));
          // The live ids, kept apart from the columns: a row is found by id while it is live.
          const live = new Set(start);
          const expectFound = (x: string) => {
            const row = columns.row(x);
            if (!live.has(x)) return expect(row).toBeUndefined();
            expect(row).toBeDefined();
            expect([columns.ids[row!], columns.alive[row!]]).toEqual([x, 1]);
          };
          for (const o of ops) {
            if ('upsert' in o)
              for (const x of o.upsert) {
                columns.upsert({ id: x });
                live.add(x);
              }
            else if ('remove' in o) expect(columns.remove(o.remove)).toBe(live.delete(o.remove));
            else if ('readd' in o) {
              const ids = [...live].sort();
              if (ids.length === 0) continue;
              const again = ids[o.readd % ids.length]!;
              expect(columns.remove(again)).toBe(true);
              columns.upsert({ id: again });
            } else if ('compact' in o) columns.compact();
            else if ('find' in o) expectFound(o.find);
            else expectRanks();
          }
          expect(columns.size).toBe(live.size);
          for (const x of ['a', 'aa', 'ab', 'é', '企业', 'none'].concat(columns.ids))
            expectFound(x);
          expectRanks();
        },
      ),
    );
  });
});

describe('SubjectColumns.postings', () => {
  // Postings read between changes are kept current in place (up to POSTINGS_PATCH_LIMIT
  // changes per read, else built again): they must equal postings built from the columns.
  type Row = { id: string; a: string; b: string };
  const plan = {
    env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
    keys: [(s: Row) => s.a, (s: Row) => s.b],
    columns: [],
    vectors: [],
  };
  const row = fc.record({
    id: fc.integer({ min: 0, max: 60 }).map((i) => `r-${i}`),
    a: fc.constantFrom('x', 'y', 'z'),
    // New keys keep arriving: the dictionary grows between reads.
    b: fc.integer({ min: 0, max: 200 }).map(String),
  });
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.array(row, { minLength: 1, maxLength: 5 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }).map((i) => `r-${i}`) },
    // Many changes between two reads: past the patch limit, the postings are built again.
    {
      weight: 1,
      arbitrary: fc.array(row, {
        minLength: POSTINGS_PATCH_LIMIT,
        maxLength: POSTINGS_PATCH_LIMIT + 8,
      }),
    },
    { weight: 2, arbitrary: fc.constant('read' as const) },
    { weight: 1, arbitrary: fc.constant('compact' as const) },
  );

  test('changedSince names the rows changed after a version, and null where it cannot know (changeCountSince counts them)', () => {
    // Eight rows: one removal leaves them uncompacted (a quarter dead would compact).
    const c = new SubjectColumns<Row>(
      plan as never,
      Array.from({ length: 8 }, (_, i) => ({ id: `r-${i}`, a: 'x', b: String(i) })),
    );
    const v = c.version;
    c.upsert({ id: 'r-1', a: 'y', b: '1' });
    c.upsert({ id: 'r-8', a: 'y', b: '8' });
    c.remove('r-0');
    expect(c.changedSince(v)).toEqual([1, 8, 0]);
    expect(c.changedSince(c.version)).toEqual([]);
    expect([v, v + 1, c.version].map((x) => c.changeCountSince(x))).toEqual([3, 2, 0]);
    for (const bad of [c.version + 1, 0.5, Number.NaN, -1]) {
      expect(c.changedSince(bad)).toBeNull();
      expect(c.changeCountSince(bad)).toBeNull();
    }
    c.compact();
    expect(c.changedSince(v)).toBeNull();
    expect(c.changeCountSince(v)).toBeNull();
  });

  test('follow a code column widened from Uint8 to Uint16 between reads', () => {
    const c = new SubjectColumns<Row>(plan as never, [{ id: 'r-0', a: 'x', b: '0' }]);
    c.postings(1);
    // 40 rows at a time, each with a new key, read after each batch: past 256 keys the column
    // widens while its postings are kept.
    for (let i = 1; i <= 400; i++) {
      c.upsert({ id: `r-${i}`, a: 'y', b: String(i) });
      if (i % 40 === 0) {
        const got = c.postings(1);
        const want = livePostings(c.codes[1]!, c.dicts[1]!.size, c.rowCount, c.alive);
        expect(Array.from(got.offsets)).toEqual(Array.from(want.offsets));
        expect(Array.from(got.rows.subarray(0, c.rowCount))).toEqual(Array.from(want.rows));
      }
    }
    expect(c.codes[1]).toBeInstanceOf(Uint16Array);
  });

  test('built postings leave room for ROW_HEADROOM more rows: rows added after the build enter in place', () => {
    const n = 3200;
    const id = (i: number) => `r-${String(i).padStart(4, '0')}`;
    const c = new SubjectColumns<Row>(
      plan as never,
      Array.from({ length: n }, (_, i) => ({ id: id(i), a: 'xyz'[i % 3]!, b: String(i % 7) })),
    );
    const built = c.postings(0).rows;
    const room = Math.ceil(n * (1 + ROW_HEADROOM)) - n;
    for (let i = n; i < n + room; i++) {
      c.upsert({ id: id(i), a: 'x', b: '0' });
      if (i % 50 === 0) expect(c.postings(0).rows).toBe(built);
    }
    const { offsets, rows } = c.postings(0);
    expect(rows).toBe(built);
    expect([offsets[1], offsets[3]]).toEqual([Math.ceil(n / 3) + room, n + room]);
    expect(rows[offsets[1]! - 1]).toBe(n + room - 1);
  });

  test('equal postings built from the columns after any upserts, removals and compactions (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 40 }),
        fc.array(op, { maxLength: 25 }),
        (start, ops) => {
          const c = new SubjectColumns<Row>(plan as never, start);
          const expectPostings = () => {
            for (let k = 0; k < plan.keys.length; k++) {
              const got = c.postings(k);
              const want = livePostings(c.codes[k]!, c.dicts[k]!.size, c.rowCount, c.alive);
              const used = got.rows.subarray(0, got.offsets[got.offsets.length - 1]);
              expect([Array.from(got.offsets), Array.from(used)]).toEqual([
                Array.from(want.offsets),
                Array.from(want.rows),
              ]);
            }
          };
          expectPostings();
          for (const o of ops) {
            if (o === 'read') expectPostings();
            else if (o === 'compact') c.compact();
            else if (typeof o === 'string') c.remove(o);
            else for (const r of o) c.upsert(r);
          }
          expectPostings();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('SubjectColumns bulk load', () => {
  // The constructor loads rows in bulk: no id map while ids ascend, numeric columns coded
  // afterwards in one pass per column. Every observable — codes, value codes and values, row of
  // each id, tie ranks, postings — must equal rows added one at a time, also after later upserts
  // and removals.
  type Row = { id: string; a: number; b: number };
  const plan = {
    env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
    keys: [(s: Row) => String(s.a)],
    columns: [
      { name: 'a', column: (s: Row) => s.a },
      { name: 'b', column: (s: Row) => s.b },
    ],
    vectors: [],
  };
  const value = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(0.5, -0, Number.NaN, 1e300),
    fc.double({ noNaN: false }),
  );
  const row = fc.record({ id: fc.stringMatching(/^[a-c]{1,3}$/), a: value, b: value });
  const observe = (c: SubjectColumns<Row>) => ({
    ids: [...c.ids],
    alive: Array.from(c.alive.subarray(0, c.rowCount)),
    codes: c.codes.map((col) => Array.from(col.subarray(0, c.rowCount))),
    numbers: c.numbers.map((col) => Array.from(col.subarray(0, c.rowCount))),
    numberCodes: c.numberCodes.map((col) => col && Array.from(col.subarray(0, c.rowCount))),
    numberValues: c.numberValues.map((v, i) => (c.numberCodes[i] ? [...v] : null)),
    rows: c.ids.map((id) => c.row(id)),
    tieRank: Array.from(c.tieRank()),
    postings: c.dicts.map((_, k) => {
      const p = c.postings(k);
      return [
        Array.from(p.offsets),
        Array.from(p.rows.subarray(0, p.offsets[p.offsets.length - 1])),
      ];
    }),
  });

  test('equals rows added one at a time, in any id order, before and after changes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 30 }),
        fc.boolean(),
        fc.array(
          fc.oneof(
            row,
            row.map((r) => r.id),
          ),
          { maxLength: 10 },
        ),
        (rows, sorted, changes) => {
          const input = sorted ? [...rows].sort((x, y) => (x.id < y.id ? -1 : 1)) : rows;
          const bulk = new SubjectColumns<Row>(plan as never, input);
          const single = new SubjectColumns<Row>(plan as never, []);
          for (const r of input) single.upsert(r);
          // And both hold what a map of the live records holds.
          const model = new Map(input.map((r) => [r.id, r]));
          const matchesModel = (c: SubjectColumns<Row>) => {
            expect(c.size).toBe(model.size);
            for (const [id, r] of model) {
              const at = c.row(id)!;
              expect(c.ids[at]).toBe(id);
              expect(c.alive[at]).toBe(1);
              expect(Object.is(c.numbers[0]![at], r.a) && Object.is(c.numbers[1]![at], r.b)).toBe(
                true,
              );
            }
          };
          expect(observe(bulk)).toEqual(observe(single));
          matchesModel(bulk);
          for (const change of changes) {
            for (const c of [bulk, single]) {
              if (typeof change === 'string') c.remove(change);
              else c.upsert(change);
            }
            if (typeof change === 'string') model.delete(change);
            else model.set(change.id, change);
            expect(observe(bulk)).toEqual(observe(single));
            matchesModel(bulk);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('loads the same from an array, a chunked feed reusing one array, or a sized iterable', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (rows, size) => {
          const expected = observe(new SubjectColumns<Row>(plan as never, rows));
          const chunked = {
            // An upper bound will do: it only sizes the columns.
            length: rows.length + size,
            *chunks() {
              // One array, refilled for every chunk, as the index build's validated feed does.
              const chunk: Row[] = [];
              for (let start = 0; start < rows.length; start += size) {
                chunk.length = 0;
                chunk.push(...rows.slice(start, start + size));
                yield chunk;
              }
            },
          };
          expect(observe(new SubjectColumns<Row>(plan as never, chunked))).toEqual(expected);
          const sized = { length: rows.length, [Symbol.iterator]: () => rows.values() };
          expect(observe(new SubjectColumns<Row>(plan as never, sized))).toEqual(expected);
          expect(feedArray(chunked)).toEqual(rows);
          expect(feedArray(sized)).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('an iterable feed longer than a chunk is read in chunks, every subject once, in order', () => {
    const rows = Array.from({ length: 2 * FEED_CHUNK + 7 }, (_, i) => ({
      id: `r${String(i).padStart(4, '0')}`,
      a: i % 5,
      b: i / 7,
    }));
    const sized = { length: rows.length, [Symbol.iterator]: () => rows.values() };
    // Lengths read as each chunk comes: the chunk is one array, refilled.
    const seen: number[] = [];
    for (const chunk of feedChunks(sized)) seen.push(chunk.length);
    expect(seen).toEqual([FEED_CHUNK, FEED_CHUNK, 7]);
    expect(observe(new SubjectColumns<Row>(plan as never, sized))).toEqual(
      observe(new SubjectColumns<Row>(plan as never, rows)),
    );
  });

  test('a −0 anywhere leaves its column uncoded, also after a 0', () => {
    const rows = [
      { id: 'a', a: 0, b: 1 },
      { id: 'b', a: -0, b: 1 },
    ];
    expect(new SubjectColumns<Row>(plan as never, rows).numberCodes[0]).toBeNull();
    const single = new SubjectColumns<Row>(plan as never, []);
    for (const r of rows) single.upsert(r);
    expect(single.numberCodes[0]).toBeNull();
    expect(single.numberCodes[1]).not.toBeNull();
  });
});

const keyEnv = { asOf: '2026-06-30', reference: { chains: new Map(), zones: new Map() } } as KeyEnv;

describe('KeyDictionary representatives', () => {
  test("are the declared fields alone (those the subject has), one per key, the first subject's", () => {
    const key = subjectKey(['sector', 'region'], (f: Firm) => `${f.sector}|${f.region ?? ''}`);
    const dictionary = new KeyDictionary<Firm>(key);
    expect(dictionary.intern(firm('a', 'C13', '110000'), keyEnv)).toBe(0);
    expect(dictionary.intern(firm('b', 'C13', '110000'), keyEnv)).toBe(0);
    expect(dictionary.intern(firm('c', 'C14'), keyEnv)).toBe(1);
    expect(dictionary.reps).toEqual([{ sector: 'C13', region: '110000' }, { sector: 'C14' }]);
    // A representative gives its key back.
    expect(dictionary.reps.map((r) => key(r))).toEqual(dictionary.keys);
  });

  test('are whole records for a key that declares no fields', () => {
    const key: SubjectKey<Firm> = (f) => f.sector;
    const dictionary = new KeyDictionary<Firm>(key);
    const a = firm('a', 'C13');
    dictionary.intern(a, keyEnv);
    expect(dictionary.reps[0]).toEqual(a);
  });

  // A dictionary outlives the call that interned a key (a matcher's across calls, sweep
  // rankers kept for the next sweep) and tables filled later read the representative: what
  // the caller does to its records afterwards must not change what the key means.
  interface Listed {
    id: string;
    lists: string[];
    need: { amount: number; instruments: string[] };
    when: Date;
  }
  const listed = (): Listed => ({
    id: 'a',
    lists: ['srdi', 'gazelle'],
    need: { amount: 5, instruments: ['loan'] },
    when: new Date(0),
  });
  const mutate = (s: Listed): void => {
    s.lists.splice(0, 2, 'none');
    s.need.instruments.push('equity');
    s.need.amount = 9;
  };
  test.each([
    ['with declared fields', subjectKey(['lists', 'need'], (s: Listed) => s.lists.join())],
    ['without declared fields', ((s: Listed) => s.lists.join()) as SubjectKey<Listed>],
  ])("share no array or plain object with the caller's record (%s)", (_, key) => {
    const dictionary = new KeyDictionary<Listed>(key);
    const subject = listed();
    dictionary.intern(subject, keyEnv);
    mutate(subject);
    const rep = dictionary.reps[0]!;
    expect(rep.lists).toEqual(['srdi', 'gazelle']);
    expect(rep.need).toEqual({ amount: 5, instruments: ['loan'] });
    expect(key(rep, keyEnv)).toBe(dictionary.keys[0]);
    // Anything that is not JSON-shaped data is kept as it is.
    if ('when' in rep) expect(rep.when).toBe(subject.when);
  });
});

describe('KeyDictionary ids', () => {
  // Number keys live in a table over their bits, every other key in a Map: ids must be what one
  // Map (SameValueZero: −0 is 0, every NaN one key, 1 and '1' two keys) would give, numbered
  // by first appearance, through the table's growth.
  const keyValue = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2),
    fc.string({ maxLength: 3 }),
    fc.constantFrom('0', '1', 'NaN', '-0'),
  );
  test('number a key by its first appearance, as one Map would (property)', () => {
    fc.assert(
      fc.property(fc.array(keyValue, { maxLength: 400 }), (values) => {
        const key: SubjectKey<{ k: string | number }> = (s) => s.k;
        const dictionary = new KeyDictionary(key);
        const reference = new Map<unknown, number>();
        for (const k of values) {
          if (!reference.has(k)) reference.set(k, reference.size);
          expect(dictionary.intern({ k }, keyEnv)).toBe(reference.get(k));
        }
        expect(dictionary.size).toBe(reference.size);
        expect([...dictionary.ids]).toEqual([...reference]);
        // The first spelling of a key is kept (−0 when it came before 0).
        for (const [k, id] of reference)
          expect(Object.is(dictionary.keys[id], k) || k === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('keep the first spelling of 0 and of NaN, as one id each', () => {
    const key: SubjectKey<{ k: number }> = (s) => s.k;
    const dictionary = new KeyDictionary(key);
    const ids = [-0, 0, NaN, -NaN, 0 / 0, 0].map((k) => dictionary.intern({ k }, keyEnv));
    expect(ids).toEqual([0, 0, 1, 1, 1, 0]);
    expect(Object.is(dictionary.keys[0], -0)).toBe(true);
    expect(dictionary.keys[1]).toBeNaN();
  });

  test('keep every id through the number table growing to 100,000 keys', () => {
    const key: SubjectKey<{ k: number }> = (s) => s.k;
    const dictionary = new KeyDictionary(key);
    // Keys spread over many bit patterns: integers, their negatives, fractions, huge values.
    const value = (i: number): number =>
      i % 4 === 0 ? i * 7919 : i % 4 === 1 ? -i : i % 4 === 2 ? i / 1024 : i * 2 ** 40;
    for (let i = 0; i < 100_000; i++) expect(dictionary.intern({ k: value(i) }, keyEnv)).toBe(i);
    for (let i = 99_999; i >= 0; i -= 7) expect(dictionary.intern({ k: value(i) }, keyEnv)).toBe(i);
    expect(dictionary.size).toBe(100_000);
  });
});

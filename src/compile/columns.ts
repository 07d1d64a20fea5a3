/**
 * Columnar encoding of subjects (enterprises, projects): one code column per subject key
 * (dictionary-encoded, one representative subject per distinct key; Uint8 while the dictionary
 * has at most 256 keys, then Uint16, then Uint32 — widened as it grows, so scans read 1–2 bytes
 * per row for most keys), one Float64 column per numeric kernel column (plus a value-code
 * column while it has few distinct values, see {@link NUMERIC_CODE_LIMIT}), a tombstone bitmap,
 * per-key postings built on first use and the rows' tie ranks (their ids' order).
 *
 * Incremental: {@link SubjectColumns.upsert} appends or rewrites a row (dictionaries grow),
 * {@link SubjectColumns.remove} tombstones one; when tombstones exceed
 * {@link COMPACTION_TOMBSTONE_FRACTION} of the rows the columns are compacted. Postings and tie
 * ranks follow the changed rows in place on their next read (built again after a compaction or
 * many changes); {@link SubjectColumns.changedSince} tells other readers which rows changed.
 *
 * @module
 */
import type { KeyEnv, SubjectKey, SubjectKeyValue } from '../engine/types.js';
import { VectorColumn } from './vector-column.js';
import type { FastPlan } from './plan.js';

/**
 * Fraction of tombstoned rows above which the columns are rewritten without them (0.25: a
 * quarter of the scan is wasted at most; compaction costs one pass over the columns).
 */
export const COMPACTION_TOMBSTONE_FRACTION = 0.25;

/**
 * Row changes a key's postings take in place, per read, before they are built again instead:
 * a read applies the changes pending in two passes over the postings from the first place they
 * touch, a new build costs two passes over every row and a new array. 64 keeps a service adding
 * records between rankings on the first, and bounds the changes each key keeps pending.
 */
export const POSTINGS_PATCH_LIMIT = 64;

/**
 * Changed rows {@link SubjectColumns.changedSince} remembers; past them it forgets the oldest
 * version and readers build what they derive again. 4,096 rows: 32 KB.
 */
export const CHANGE_LOG_LIMIT = 4096;

/**
 * A numeric column with at most this many distinct values is also dictionary-encoded (a code
 * column beside its Float64 column), so a compiled target evaluates its kernels once per
 * distinct value into lookup tables. 65,536 keeps the codes Uint16 and codes the term
 * (≈115 values at seed scale) and amount (≈24,000) columns; past it a column stops being coded.
 */
export const NUMERIC_CODE_LIMIT = 65536;

/**
 * Room columns, postings and tie ranks sized to their rows leave past them — after a bulk
 * load, a compaction or a build of the postings or tie ranks — as a fraction of the rows
 * (1/16: ≈ 21,600 rows at seed scale, ≈ 6 % more bytes). Sized exactly, they grew — every
 * column copied — on the first row added after them: ≈ 70 ms at seed scale in a service's
 * first write, and 12–24 ms per key in the first prospect reading that key's postings.
 */
export const ROW_HEADROOM = 1 / 16;

/**
 * A growable dictionary of one subject key: key value → dense id, with a representative — a
 * copy of the first subject with the key (of the key's `fields` alone when it declares them).
 * The copy is deep (arrays and plain objects), so a caller that changes its records afterwards
 * cannot change what a key's representative says: a dictionary outlives the call that interned
 * a key (a matcher's, sweep rankers kept for the next sweep), and tables filled later read the
 * representative.
 */
export class KeyDictionary<S> {
  readonly keys: SubjectKeyValue[] = [];
  readonly reps: S[] = [];
  private readonly fields: readonly string[] | undefined;
  /**
   * Number keys → id, in a table over the keys' bits ({@link ValueCodeTable}), for the keys
   * coded as numbers (lists of vocabulary members, the chain and zone memberships): interning
   * the seed market's 12 keys for 345,800 enterprises took ≈ 460 ms against ≈ 555 ms with a
   * `Map`. −0 is looked up as 0 and every NaN as one key, as a `Map` compares them
   * (SameValueZero).
   */
  private readonly numberIds = new ValueCodeTable(16);
  /** Every other key → id (strings; a key function's contract allows nothing else). */
  private readonly otherIds = new Map<unknown, number>();
  constructor(readonly fn: SubjectKey<S>) {
    this.fields = fn.fields;
  }
  /** The id of `subject`'s key, adding it (with its representative) when new. */
  intern(subject: S, env: KeyEnv): number {
    const key = this.fn(subject, env);
    if (typeof key === 'number') {
      // `key === 0` is true for −0 as well: both are looked up as 0.
      const bits = key === 0 ? 0 : key;
      let id = this.numberIds.get(bits);
      if (id < 0) {
        id = this.add(key, subject);
        this.numberIds.set(bits, id);
      }
      return id;
    }
    let id = this.otherIds.get(key);
    if (id === undefined) {
      id = this.add(key, subject);
      this.otherIds.set(key, id);
    }
    return id;
  }
  /** Appends a new key and its representative; returns its id. */
  private add(key: SubjectKeyValue, subject: S): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.reps.push(this.fields ? projected(subject, this.fields) : detached(subject));
    return id;
  }
  /** Key → id of every key so far: a new `Map` built on each read (O(keys)), as a `Map` compares keys. */
  get ids(): ReadonlyMap<SubjectKeyValue, number> {
    return new Map(this.keys.map((key, id) => [key, id]));
  }
  get size(): number {
    return this.keys.length;
  }
}

/** `subject`'s `fields` alone (those it has), as a new object sharing nothing with it. */
function projected<S>(subject: S, fields: readonly string[]): S {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const value = (subject as Record<string, unknown>)[fields[i]!];
    if (value !== undefined) out[fields[i]!] = detached(value);
  }
  return out as S;
}

/**
 * `value` with every array and plain object in it copied (records are JSON-shaped data);
 * anything else — primitives, class instances — as it is.
 */
function detached<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(detached) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    out[key] = detached((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * The rows of each of `keys` codes among the first `n` rows of `codes`, in row order (CSR),
 * without the rows `alive` marks removed (0); every row when `alive` is null. With `room`, the
 * rows array has {@link ROW_HEADROOM} spare entries, for rows added later in place.
 */
export function livePostings(
  codes: CodeColumn,
  keys: number,
  n: number,
  alive: Uint8Array | null,
  room = false,
): Postings {
  const offsets = new Uint32Array(keys + 1);
  for (let r = 0; r < n; r++) if (alive === null || alive[r]) offsets[codes[r]! + 1]!++;
  for (let i = 0; i < keys; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, keys);
  const rows = new Uint32Array(room ? roomFor(offsets[keys]!) : offsets[keys]!);
  for (let r = 0; r < n; r++) if (alive === null || alive[r]) rows[fill[codes[r]!]!++] = r;
  return { offsets, rows };
}

/**
 * `postings` with `changes` applied in order — (row, old code, new code) triples, −1 for a row
 * not there before or removed — over `keys` codes (at least as many as before): each row leaves
 * its code before the changes and enters its code after them, at its place in row order. In
 * place where the arrays have room (grown arrays otherwise, with room for more rows), in two
 * passes from the first place a change touches: one forward that drops the rows leaving, one
 * backward that inserts the rows entering. Moving every row after each change instead cost
 * ≈ 0.3 ms per change at seed scale (a prospect reading a key after 24 writes paid 7 ms).
 */
function patchPostings(postings: Postings, keys: number, changes: readonly number[]): Postings {
  let { offsets, rows } = postings;
  let total = offsets[offsets.length - 1]!;
  if (offsets.length < keys + 1) {
    const grown = new Uint32Array(keys + 1);
    grown.set(offsets);
    grown.fill(total, offsets.length);
    offsets = grown;
  }
  // Each changed row's code before the first change and after the last.
  const before = new Map<number, number>();
  const after = new Map<number, number>();
  for (let c = 0; c < changes.length; c += 3) {
    if (!before.has(changes[c]!)) before.set(changes[c]!, changes[c + 1]!);
    after.set(changes[c]!, changes[c + 2]!);
  }
  const leaving: [code: number, row: number][] = [];
  const entering: [code: number, row: number][] = [];
  for (const [row, from] of before) {
    const to = after.get(row)!;
    if (from === to) continue;
    if (from >= 0) leaving.push([from, row]);
    if (to >= 0) entering.push([to, row]);
  }
  const byCodeThenRow = (x: [number, number], y: [number, number]) => x[0] - y[0] || x[1] - y[1];
  leaving.sort(byCodeThenRow);
  entering.sort(byCodeThenRow);
  // Where each (code, row) is, or is to go, among its code's rows.
  const placesOf = (list: readonly [number, number][]) =>
    list.map(([code, row]) => lowerBound(rows, offsets[code]!, offsets[code + 1]!, row));
  if (leaving.length > 0) {
    // Forward: the rows between two leaving ones move left by the number left so far.
    const at = placesOf(leaving);
    let write = at[0]!;
    for (let i = 0; i < at.length; i++) {
      const end = i + 1 < at.length ? at[i + 1]! : total;
      rows.copyWithin(write, at[i]! + 1, end);
      write += end - at[i]! - 1;
    }
    total -= leaving.length;
    shiftOffsets(offsets, leaving, -1);
  }
  if (entering.length > 0) {
    if (rows.length < total + entering.length) {
      const grown = new Uint32Array(
        Math.max(total + entering.length, Math.ceil(rows.length * 1.25)),
      );
      grown.set(rows.subarray(0, total));
      rows = grown;
    }
    // Backward: the rows from each place on move right by the number still to enter before them.
    const at = placesOf(entering);
    let end = total;
    let write = total + entering.length;
    for (let i = entering.length - 1; i >= 0; i--) {
      write -= end - at[i]!;
      rows.copyWithin(write, at[i]!, end);
      rows[--write] = entering[i]![1];
      end = at[i]!;
    }
    total += entering.length;
    shiftOffsets(offsets, entering, 1);
  }
  return { offsets, rows };
}

/**
 * Moves the offsets of the codes after each (code, row) of `list` (sorted by code) by `delta`
 * for every entry of that code or an earlier one: the rows that left (−1) or entered (+1).
 */
function shiftOffsets(offsets: Uint32Array, list: readonly [number, number][], delta: number) {
  const last = offsets.length - 1;
  let moved = 0;
  for (let code = list[0]![0], i = 0; code < last; code++) {
    while (i < list.length && list[i]![0] === code) {
      i++;
      moved += delta;
    }
    offsets[code + 1]! += moved;
  }
}

/** The first index in `[lo, hi)` of ascending `values` holding a value ≥ `value`. */
export function lowerBound(
  values: Uint32Array | Int32Array,
  lo: number,
  hi: number,
  value: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Orders rows by their ids, then by row: rows of one id (a removed row and the row that added
 * its id again) keep row order, as a stable sort leaves them.
 */
function byIdThenRow(ids: readonly string[]): (a: number, b: number) => number {
  return (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b);
}

/** A code column: as narrow as the key's dictionary allows. */
export type CodeColumn = Uint8Array | Uint16Array | Uint32Array;

/** Row lists per key id (CSR): rows of key `k` are `rows[offsets[k]..offsets[k+1])`. */
export interface Postings {
  /** Where each key's rows start in `rows`; the last entry is the number of rows. */
  offsets: Uint32Array;
  /** Rows, key by key, ascending within a key; entries past the last offset are spare room. */
  rows: Uint32Array;
}

/**
 * The subjects a bulk load reads, once, in order: an array, records produced chunk by chunk
 * while the columns are filled (an index build validates and encodes chunk by chunk), or any
 * other iterable. `length` is the number of subjects or an upper bound of it (the columns'
 * initial capacity). A chunked feed's chunk is read before the next is asked for, so it may
 * reuse one array. Chunks, not one subject at a time: a generator's result object per subject
 * was ≈ 150 B of garbage per enterprise of an index build.
 */
export type SubjectFeed<S> = readonly S[] | ChunkedFeed<S> | SizedIterable<S>;

/** A {@link SubjectFeed} that produces its subjects in chunks. */
export interface ChunkedFeed<S> {
  readonly length: number;
  chunks(): Iterable<readonly S[]>;
}

/** Any other iterable of subjects with a `length`: read in chunks of {@link FEED_CHUNK}. */
export interface SizedIterable<S> extends Iterable<S> {
  readonly length: number;
}

/**
 * Subjects per chunk of a feed read in chunks (an iterable here, an index build's validated
 * records): a chunk (≈ 0.5 MB of seed-scale enterprise records) stays in the processor's cache
 * while it is validated, checked and encoded.
 */
export const FEED_CHUNK = 256;

/**
 * The chunks of `feed`, in order: an array is one chunk; an iterable (checked first, so an
 * iterable that also has a `chunks` method is read as before) in chunks of {@link FEED_CHUNK}
 * in one reused array.
 */
export function feedChunks<S>(feed: SubjectFeed<S>): Iterable<readonly S[]> {
  if (Array.isArray(feed)) return [feed as readonly S[]];
  if (typeof (feed as Partial<SizedIterable<S>>)[Symbol.iterator] === 'function')
    return chunksOf(feed as SizedIterable<S>);
  return (feed as ChunkedFeed<S>).chunks();
}

function* chunksOf<S>(items: Iterable<S>): Generator<readonly S[]> {
  const chunk: S[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === FEED_CHUNK) {
      yield chunk;
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The subjects of `feed`, in order, in one new array. */
export function feedArray<S>(feed: SubjectFeed<S>): S[] {
  if (Array.isArray(feed)) return (feed as readonly S[]).slice();
  const all: S[] = [];
  for (const chunk of feedChunks(feed)) for (let i = 0; i < chunk.length; i++) all.push(chunk[i]!);
  return all;
}

/**
 * Value → code for {@link SubjectColumns.codeColumn} and the number keys of a
 * {@link KeyDictionary}: open addressing with linear probing over typed arrays, keyed by the
 * value's 64 bits (NaN as one key; the callers exclude −0, so bit equality is `===`). At most
 * half full (it doubles when a new value would pass that), so a probe ends within a few slots.
 */
class ValueCodeTable {
  private readonly bits = new Float64Array(1);
  private readonly halves = new Uint32Array(this.bits.buffer);
  private low!: Uint32Array;
  private high!: Uint32Array;
  private codes!: Int32Array;
  private mask = 0;
  private shift = 0;
  private count = 0;
  private nanCode = -1;

  /** A table with room for `capacity` distinct values before it grows. */
  constructor(capacity: number) {
    this.allocate(capacity);
  }

  private allocate(capacity: number): void {
    let size = 16;
    let shift = 28;
    while (size < capacity * 2) {
      size *= 2;
      shift--;
    }
    this.low = new Uint32Array(size);
    this.high = new Uint32Array(size);
    this.codes = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = shift;
  }

  /** The slot of `x` (set in {@link ValueCodeTable.halves}): its own, or the empty one it would take. */
  private slot(x: number): number {
    this.bits[0] = x;
    const lo = this.halves[0]!;
    const hi = this.halves[1]!;
    // Fibonacci hashing (the product's top bits) of the two halves mixed.
    let s = Math.imul(lo ^ Math.imul(hi ^ (hi >>> 16), 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    const { low, high, codes, mask } = this;
    while (codes[s]! >= 0 && (low[s] !== lo || high[s] !== hi)) s = (s + 1) & mask;
    return s;
  }

  /** The code of `x`, or −1. */
  get(x: number): number {
    if (x !== x) return this.nanCode;
    return this.codes[this.slot(x)]!;
  }

  /** Gives `x` (not yet in the table) `code`. */
  set(x: number, code: number): void {
    if (x !== x) {
      this.nanCode = code;
      return;
    }
    if ((this.count + 1) * 2 > this.codes.length) this.grow();
    this.count++;
    const s = this.slot(x);
    this.low[s] = this.halves[0]!;
    this.high[s] = this.halves[1]!;
    this.codes[s] = code;
  }

  /** Doubles the table, placing every value again. */
  private grow(): void {
    const { low, high, codes } = this;
    this.allocate(codes.length);
    const halves = this.halves;
    for (let s = 0; s < codes.length; s++) {
      if (codes[s]! < 0) continue;
      halves[0] = low[s]!;
      halves[1] = high[s]!;
      const t = this.slot(this.bits[0]!);
      this.low[t] = low[s]!;
      this.high[t] = high[s]!;
      this.codes[t] = codes[s]!;
    }
  }
}

/** Columnar subjects for one plan. */
export class SubjectColumns<S extends { id: string }> {
  readonly dicts: KeyDictionary<S>[];
  codes: CodeColumn[];
  numbers: Float64Array[];
  /**
   * Per numeric column: the code of each row's value in {@link SubjectColumns.numberValues}, or
   * null once the column has more than {@link NUMERIC_CODE_LIMIT} distinct values (or a −0).
   */
  numberCodes: (CodeColumn | null)[];
  /** Per numeric column: its distinct values by code (grows; meaningful while it is coded). */
  readonly numberValues: number[][];
  /**
   * Per numeric column: value → code, for rows added one at a time; `undefined` until the first
   * such row after a bulk load (built then from {@link SubjectColumns.numberValues}).
   */
  private numberIds: (ValueCodeTable | null | undefined)[];
  /** Subject vectors per vector hook, in typed arrays (a row without one: the factor abstains). */
  vectors: VectorColumn[];
  ids: string[] = [];
  subjects: S[] = [];
  /** 1 for a live row, 0 for a tombstone. */
  alive: Uint8Array;
  /**
   * How many first rows have strictly ascending ids (tombstones included). While it is every
   * row, an id's row is found by a binary search of {@link SubjectColumns.ids}; else of the tie
   * order, built when first needed, and {@link SubjectColumns.unplaced}. No map of every id is
   * kept (a map of every id built on the first write after a build took ≈ 140 ms at seed scale
   * plus a major collection); only the rows appended since the tie ranks were last read are
   * held in one — after a bulk load of unsorted ids nearly all, until its first read of the
   * tie ranks (an index's scan preparation reads them right after the load).
   */
  private ascendingRows = 0;
  /** Live rows appended since the tie order was last built or placed (id → row). */
  private readonly unplaced = new Map<string, number>();
  /** True during the constructor's load: numeric columns are coded after it ({@link codeColumn}). */
  private bulkLoading = false;
  private capacity: number;
  private dead = 0;
  private postingsCache: (Postings | undefined)[];
  /**
   * Per key: the changes of rows since its postings were built, as (row, old code, new code)
   * triples (−1: the row was not there / is removed), applied when the postings are next read.
   */
  private postingsPending: number[][];
  private tieRankCache: Int32Array | undefined;
  /**
   * The rows in ascending id order (its first {@link SubjectColumns.rowCount} entries at the
   * last read; room beyond): the inverse of the tie ranks, built with them.
   */
  private tieOrder: Int32Array | undefined;

  constructor(
    readonly plan: FastPlan<S, unknown>,
    subjects: SubjectFeed<S> = [],
  ) {
    this.capacity = roomFor(subjects.length);
    this.dicts = plan.keys.map((k) => new KeyDictionary<S>(k));
    this.codes = plan.keys.map(() => new Uint8Array(this.capacity));
    this.numbers = plan.columns.map(() => new Float64Array(this.capacity));
    this.numberCodes = plan.columns.map(() => new Uint8Array(this.capacity));
    this.numberValues = plan.columns.map(() => []);
    this.numberIds = plan.columns.map(() => new ValueCodeTable(16));
    this.vectors = plan.vectors.map((hook) => new VectorColumn(this.capacity, hook.dimension));
    this.alive = new Uint8Array(this.capacity);
    this.postingsCache = plan.keys.map(() => undefined);
    this.postingsPending = plan.keys.map(() => []);
    // A bulk load: the numeric columns are coded afterwards, in one pass over each column.
    this.bulkLoading = true;
    for (const chunk of feedChunks(subjects))
      for (let i = 0; i < chunk.length; i++) this.upsert(chunk[i]!);
    this.bulkLoading = false;
    for (let c = 0; c < plan.columns.length; c++) this.codeColumn(c);
  }

  /** Rows, including tombstones. */
  get rowCount(): number {
    return this.ids.length;
  }

  /**
   * Incremented by every change of the rows ({@link SubjectColumns.upsert},
   * {@link SubjectColumns.remove}, {@link SubjectColumns.compact}): facts derived from the
   * columns (a rule passing every live row) hold while it is unchanged.
   */
  version = 0;

  /** The rows changed at versions `changeLogBase + 1`, `+ 2`…: one per upsert or removal. */
  private changeLog: number[] = [];
  private changeLogBase = 0;

  /**
   * The rows appended, rewritten or removed since `version`, in order (a row may repeat), or
   * null when they are not known: before the last compaction (rows were renumbered) or the
   * last {@link CHANGE_LOG_LIMIT} changes, or `version` is not one of the columns' versions.
   */
  changedSince(version: number): readonly number[] | null {
    if (this.changeCountSince(version) === null) return null;
    return this.changeLog.slice(version - this.changeLogBase);
  }

  /**
   * How many rows {@link SubjectColumns.changedSince} gives for `version` (repeats counted),
   * without copying them; null when it gives null.
   */
  changeCountSince(version: number): number | null {
    if (!Number.isInteger(version) || version < this.changeLogBase || version > this.version)
      return null;
    return this.changeLog.length - (version - this.changeLogBase);
  }

  /** Notes a change of `row` (the version was just incremented). */
  private logChange(row: number): void {
    if (this.bulkLoading || this.changeLog.length >= CHANGE_LOG_LIMIT) {
      this.changeLog.length = 0;
      this.changeLogBase = this.version;
    } else this.changeLog.push(row);
  }

  /** Live subjects. */
  get size(): number {
    return this.ids.length - this.dead;
  }

  /** The row of a live subject id. */
  row(id: string): number | undefined {
    const ids = this.ids;
    if (this.ascendingRows === ids.length) {
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! < id) lo = mid + 1;
        else hi = mid;
      }
      return lo < ids.length && ids[lo] === id && this.alive[lo] ? lo : undefined;
    }
    const recent = this.unplaced.get(id);
    if (recent !== undefined) return recent;
    // Rows ranked by the tie order, in (id, row) order: the first of `id`'s that is live.
    if (this.tieOrder === undefined) this.tieRank();
    const order = this.tieOrder!;
    const n = this.tieRankCache!.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[order[mid]!]! < id) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < n && ids[order[lo]!] === id; lo++) if (this.alive[order[lo]!]) return order[lo];
    return undefined;
  }

  /** Adds a subject, or replaces the one with the same id (its row is rewritten in place). */
  upsert(subject: S): void {
    const env = this.plan.env;
    this.version++;
    const id = subject.id;
    const last = this.ids.length - 1;
    // Past the last id of ascending rows, an id is new: no lookup needed.
    const beyond = this.ascendingRows === last + 1 && (last < 0 || this.ids[last]! < id);
    let row = beyond ? undefined : this.row(id);
    const appended = row === undefined;
    if (row === undefined) {
      row = this.ids.length;
      if (row >= this.capacity) this.grow();
      this.ids.push(id);
      this.subjects.push(subject);
      if (beyond) this.ascendingRows++;
      if (this.tieOrder !== undefined) this.unplaced.set(id, row);
      this.alive[row] = 1;
    } else {
      this.subjects[row] = subject;
    }
    this.logChange(row);
    for (let k = 0; k < this.dicts.length; k++) {
      const code = this.dicts[k]!.intern(subject, env);
      let column = this.codes[k]!;
      if (code > maxCode(column)) column = this.codes[k] = widen(column, code);
      if (appended || column[row] !== code)
        this.postingsChanged(k, row, appended ? -1 : column[row]!, code);
      column[row] = code;
    }
    for (let c = 0; c < this.plan.columns.length; c++) {
      const x = this.plan.columns[c]!.column(subject, env);
      this.numbers[c]![row] = x;
      if (this.bulkLoading || this.numberCodes[c] === null) continue;
      const ids = this.numberIds[c] ?? this.valueIds(c);
      if (ids === null) continue;
      // −0 and 0 may differ under a kernel: such a column stays uncoded (the table, keyed by
      // the values' bits, never holds −0: −1 for it).
      let code = ids.get(x);
      if (code < 0) {
        const values = this.numberValues[c]!;
        if (values.length >= NUMERIC_CODE_LIMIT || Object.is(x, -0)) {
          this.uncode(c);
          continue;
        }
        code = values.push(x) - 1;
        ids.set(x, code);
      }
      let column = this.numberCodes[c]!;
      if (code > maxCode(column)) column = this.numberCodes[c] = widen(column, code);
      column[row] = code;
    }
    for (let v = 0; v < this.plan.vectors.length; v++) {
      this.vectors[v]!.set(row, this.plan.vectors[v]!.subjectVector(subject, env));
    }
  }

  /**
   * Codes numeric column `c` after a bulk load, in one pass over its values: codes are
   * numbered by first appearance in row order (as rows added one at a time number them),
   * found in an open-addressing table keyed by the value's bits ({@link ValueCodeTable}; NaN
   * counts as one value). A column with more than {@link NUMERIC_CODE_LIMIT} distinct values,
   * or a −0, stays uncoded.
   */
  private codeColumn(c: number): void {
    const n = this.ids.length;
    const numbers = this.numbers[c]!;
    const table = new ValueCodeTable(Math.min(n, NUMERIC_CODE_LIMIT));
    const values: number[] = [];
    // Codes are below NUMERIC_CODE_LIMIT (2^16): 16 bits, narrowed to 8 when they fit.
    const wide = new Uint16Array(this.capacity);
    for (let row = 0; row < n; row++) {
      const x = numbers[row]!;
      if (x === 0 && 1 / x < 0) return this.uncode(c);
      let code = table.get(x);
      if (code < 0) {
        if (values.length >= NUMERIC_CODE_LIMIT) return this.uncode(c);
        code = values.push(x) - 1;
        table.set(x, code);
      }
      wide[row] = code;
    }
    const column: CodeColumn = values.length <= 0x100 ? Uint8Array.from(wide) : wide;
    const kept = this.numberValues[c]!;
    kept.length = 0;
    for (const x of values) kept.push(x);
    this.numberCodes[c] = column;
    // Built from the values when a row is next added one at a time (see valueIds).
    this.numberIds[c] = undefined;
  }

  /**
   * The value → code table of numeric column `c`, built from its values (typed arrays: the
   * first write after a bulk load of the seed market built `Map`s of its numeric columns' up
   * to 65,536 values each in ≈ 50 ms).
   */
  private valueIds(c: number): ValueCodeTable {
    const values = this.numberValues[c]!;
    const ids = new ValueCodeTable(values.length);
    for (let code = 0; code < values.length; code++) ids.set(values[code]!, code);
    this.numberIds[c] = ids;
    return ids;
  }

  /** Numeric column `c` stops being coded (too many distinct values, or a −0). */
  private uncode(c: number): void {
    this.numberIds[c] = null;
    this.numberCodes[c] = null;
  }

  /** Tombstones a subject; returns false when the id is unknown. Compacts past the threshold. */
  remove(id: string): boolean {
    const row = this.row(id);
    if (row === undefined) return false;
    this.version++;
    this.unplaced.delete(id);
    this.alive[row] = 0;
    this.logChange(row);
    for (const column of this.vectors) column.set(row, null);
    this.dead++;
    for (let k = 0; k < this.codes.length; k++)
      this.postingsChanged(k, row, this.codes[k]![row]!, -1);
    if (this.dead > COMPACTION_TOMBSTONE_FRACTION * this.ids.length) this.compact();
    return true;
  }

  /** Rewrites the columns without tombstones (row numbers change; dictionaries are kept). */
  compact(): void {
    if (this.dead === 0) return;
    this.version++;
    this.changeLog.length = 0;
    this.changeLogBase = this.version;
    const keep: number[] = [];
    for (let r = 0; r < this.ids.length; r++) if (this.alive[r]) keep.push(r);
    const n = keep.length;
    this.capacity = roomFor(n);
    this.codes = this.codes.map((col) => {
      const out = emptyLike(col, this.capacity);
      for (let i = 0; i < n; i++) out[i] = col[keep[i]!]!;
      return out;
    });
    this.numbers = this.numbers.map((col) => Float64Array.from(keep, (r) => col[r]!));
    this.numbers = this.numbers.map((c) => padF64(c, this.capacity));
    this.numberCodes = this.numberCodes.map((col) => {
      if (!col) return null;
      const out = emptyLike(col, this.capacity);
      for (let i = 0; i < n; i++) out[i] = col[keep[i]!]!;
      return out;
    });
    this.vectors = this.vectors.map((col) => col.select(keep, this.capacity));
    this.ids = keep.map((r) => this.ids[r]!);
    this.subjects = keep.map((r) => this.subjects[r]!);
    this.alive = new Uint8Array(this.capacity).fill(1, 0, n);
    this.dead = 0;
    this.postingsCache.fill(undefined);
    for (const pending of this.postingsPending) pending.length = 0;
    this.tieRankCache = this.tieOrder = undefined;
    this.unplaced.clear();
    // Rows keep their order: the ascending first rows stay first, and may now run further.
    let a = 1;
    while (a < n && this.ids[a - 1]! < this.ids[a]!) a++;
    this.ascendingRows = Math.min(a, n);
  }

  /** Per row, the position of its id in ascending id order (tie-break of rankings). */
  tieRank(): Int32Array {
    if (this.tieRankCache !== undefined) {
      // Rows are appended at the end: those past the ranked ones came since.
      if (this.tieRankCache.length < this.ids.length) this.placeAppended();
      return this.tieRankCache;
    }
    // Rows added in id order (a sorted file, a generated market, a store's scan) rank as
    // they stand: no sort of hundreds of thousands of ids. The rows after them (appended out
    // of order) are placed among them as rows appended later are. The order and the ranks
    // (the identity over those rows) leave ROW_HEADROOM spare entries for the rows placed later.
    const ranked = this.ascendingRows;
    const order = new Int32Array(roomFor(ranked));
    for (let row = 0; row < ranked; row++) order[row] = row;
    this.tieOrder = order;
    this.tieRankCache = order.slice().subarray(0, ranked);
    this.unplaced.clear();
    if (ranked < this.ids.length) this.placeAppended();
    return this.tieRankCache!;
  }

  /**
   * Places the rows appended since the tie ranks were built (the rows past the ranked ones), as
   * a new sort would: each after the ranked rows of ids up to its own (found by a binary
   * search). The order moves in place,
   * block by block from its end, and only the ranks from the first place taken on are written
   * again — O(n + m log n) for m rows, where sorting n ids again took 100–200 ms at seed scale
   * (a service adding an enterprise between prospects paid it each time).
   */
  private placeAppended(): void {
    const ids = this.ids;
    const n = this.tieRankCache!.length;
    const m = ids.length - n;
    const added = Array.from({ length: m }, (_, i) => n + i).sort(byIdThenRow(ids));
    let order = this.tieOrder!;
    if (order.length < n + m) {
      const grown = new Int32Array(Math.max(n + m, Math.ceil(order.length * 1.25)));
      grown.set(order.subarray(0, n));
      order = this.tieOrder = grown;
    }
    const places = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const id = ids[added[i]!]!;
      let lo = i > 0 ? places[i - 1]! : 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[order[mid]!]! <= id) lo = mid + 1;
        else hi = mid;
      }
      places[i] = lo;
    }
    // From the end: the ranked rows after each place move right by the rows placed before them.
    let end = n;
    let write = n + m;
    for (let i = m - 1; i >= 0; i--) {
      const place = places[i]!;
      write -= end - place;
      order.copyWithin(write, place, end);
      order[--write] = added[i]!;
      end = place;
    }
    // The ranks live in a buffer with room to grow (the tie ranks are a view of its first rows).
    let rank = new Int32Array(this.tieRankCache!.buffer);
    if (rank.length < n + m) {
      const grown = new Int32Array(Math.max(n + m, Math.ceil(rank.length * 1.25)));
      grown.set(rank.subarray(0, n));
      rank = grown;
    }
    for (let pos = places[0]!; pos < n + m; pos++) rank[order[pos]!] = pos;
    this.tieRankCache = rank.subarray(0, n + m);
    this.unplaced.clear();
  }

  /**
   * Live rows grouped by the key id of key `k`: built on first use, then kept current — the
   * rows changed since are moved in place when they are few ({@link POSTINGS_PATCH_LIMIT}),
   * else the postings are built again.
   */
  postings(k: number): Postings {
    let p = this.postingsCache[k];
    const pending = this.postingsPending[k]!;
    if (p !== undefined && pending.length > 0) p = patchPostings(p, this.dicts[k]!.size, pending);
    if (p === undefined)
      p = livePostings(this.codes[k]!, this.dicts[k]!.size, this.ids.length, this.alive, true);
    pending.length = 0;
    this.postingsCache[k] = p;
    return p;
  }

  /** Notes that `row` moved from code `from` to code `to` of key `k` (−1: absent). */
  private postingsChanged(k: number, row: number, from: number, to: number): void {
    if (this.postingsCache[k] === undefined) return;
    const pending = this.postingsPending[k]!;
    if (pending.length >= 3 * POSTINGS_PATCH_LIMIT) {
      this.postingsCache[k] = undefined;
      pending.length = 0;
    } else pending.push(row, from, to);
  }

  /** Bytes held by the typed columns and postings built so far. */
  byteLength(): number {
    let b = this.alive.byteLength;
    for (const c of this.codes) b += c.byteLength;
    for (const c of this.numbers) b += c.byteLength;
    for (const c of this.numberCodes) if (c) b += c.byteLength;
    for (const p of this.postingsCache) if (p) b += p.offsets.byteLength + p.rows.byteLength;
    for (const v of this.vectors) b += v.byteLength();
    return b;
  }

  private grow(): void {
    this.capacity *= 2;
    this.codes = this.codes.map((c) => padCodes(c, this.capacity));
    this.numbers = this.numbers.map((c) => padF64(c, this.capacity));
    this.numberCodes = this.numberCodes.map((c) => c && padCodes(c, this.capacity));
    for (const column of this.vectors) column.grow(this.capacity);
    const alive = new Uint8Array(this.capacity);
    alive.set(this.alive);
    this.alive = alive;
  }
}

/** The capacity of columns sized to `rows` rows: {@link ROW_HEADROOM} more, at least 16. */
function roomFor(rows: number): number {
  return Math.max(16, Math.ceil(rows * (1 + ROW_HEADROOM)));
}

/** The largest code a column of this type holds. */
function maxCode(a: CodeColumn): number {
  return a instanceof Uint8Array ? 0xff : a instanceof Uint16Array ? 0xffff : 0xffffffff;
}

/** An empty column of the same type as `a`, `n` long. */
function emptyLike(a: CodeColumn, n: number): CodeColumn {
  if (a instanceof Uint8Array) return new Uint8Array(n);
  if (a instanceof Uint16Array) return new Uint16Array(n);
  return new Uint32Array(n);
}

/** `a` copied into a type wide enough for `code`. */
function widen(a: CodeColumn, code: number): CodeColumn {
  const b = code <= 0xffff ? new Uint16Array(a.length) : new Uint32Array(a.length);
  b.set(a);
  return b;
}

function padCodes(a: CodeColumn, n: number): CodeColumn {
  if (a.length >= n) return a;
  const b = emptyLike(a, n);
  b.set(a);
  return b;
}

function padF64(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

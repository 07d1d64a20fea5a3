/**
 * One vector hook's subject vectors, as typed arrays: each row's components are a range of one
 * pool (`values`, and `indices` for a sparse row), found by the row's `offset` and `length`.
 *
 * A scan reads the vectors of tens of thousands of candidates in row order. As objects (one
 * `{ indices, values }` per subject, each array a view of its own) every row cost three or four
 * dependent reads scattered over the heap before its first component: at seed scale with
 * outcome history the exact bound of `targetProfile` took ≈ 370 ns per candidate, ≈ 8 ms of a
 * product's first call. From the pools, a row is two reads of the row arrays and its
 * components, in the order the rows were added; a sparse vector whose values are all 1 (a
 * learned profile's leaves) keeps its dimensions alone, as 16-bit numbers when the hook's
 * dimension allows (26 bytes for 13 features instead of 104).
 *
 * The arithmetic is {@link dot32}'s: the same products summed in the same order, so a score
 * from a column equals one from the subject's own vector, bit for bit.
 *
 * @module
 */
import type { SubjectVector } from '../engine/types.js';

/** `length` of a row without a vector (the factor abstains). */
const NONE = -1;

/** A row's kind: its components' values and dimensions in the pools. */
const SPARSE = 0;
/** Values only: component `k` is dimension `k`. */
const DENSE = 1;
/** Dimensions only: every value is 1. */
const ONES = 2;

/** Components the pools start with; they double as rows are added. */
const INITIAL_POOL = 1024;

/** Largest dimension a 16-bit index pool holds. */
const MAX_U16 = 0xffff;

/** What a column's rows are read from. */
interface Pools {
  readonly offset: Int32Array;
  readonly length: Int32Array;
  readonly kind: Uint8Array;
  readonly values: Float32Array | null;
  readonly indices: Uint16Array | Int32Array | null;
}

/** Subject vectors of one hook, row by row (see the module's comment). */
export class VectorColumn implements Pools {
  /** Per row: where its components start in the pools. */
  offset: Int32Array;
  /** Per row: its component count, −1 without a vector. */
  length: Int32Array;
  /** Per row: how its components are kept (sparse, dense, or sparse with every value 1). */
  kind: Uint8Array;
  /** Pool of the components' values; null until a row needs values. */
  values: Float32Array | null = null;
  /**
   * Pool of a sparse row's dimensions, aligned with {@link VectorColumn.values}: 16-bit while
   * every dimension fits; null until the first sparse row.
   */
  indices: Uint16Array | Int32Array | null = null;
  /** Components each pool has room for, and of them in use. */
  private size = 0;
  private used = 0;
  /**
   * Σ of the rows' component counts: at least the components rows point to (a range shared by
   * rows counts once per row), so `used` past twice it means half the pools are garbage.
   */
  private live = 0;
  /** The vector last stored and its row: a vector given again for the next row is stored once. */
  private last: SubjectVector | null = null;
  private lastRow = -1;

  /**
   * @param capacity - rows to make room for
   * @param dimension - the hook's dimension: up to 65,535, dimensions are kept in 16 bits
   */
  constructor(
    capacity: number,
    private readonly dimension: number,
  ) {
    this.offset = new Int32Array(capacity);
    this.length = new Int32Array(capacity).fill(NONE);
    this.kind = new Uint8Array(capacity);
  }

  /** Rows the column has room for. */
  get capacity(): number {
    return this.length.length;
  }

  /** Makes room for `capacity` rows (new rows have no vector). */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const offset = new Int32Array(capacity);
    offset.set(this.offset);
    const length = new Int32Array(capacity).fill(NONE);
    length.set(this.length);
    const kind = new Uint8Array(capacity);
    kind.set(this.kind);
    this.offset = offset;
    this.length = length;
    this.kind = kind;
  }

  /**
   * Stores row `row`'s vector (null: none), replacing what the row had. The components are
   * copied; a vector object given again for the next row stored is not copied again (a hook's
   * constant vector), so a caller must not change a vector it gave.
   */
  set(row: number, vector: SubjectVector | null | undefined): void {
    const old = this.length[row]!;
    if (old > 0) this.live -= old;
    this.length[row] = NONE; // its old components are garbage now
    if (vector === null || vector === undefined) return;
    const lastRow = this.lastRow;
    if (vector === this.last && lastRow !== row && this.length[lastRow]! >= 0) {
      this.point(row, this.offset[lastRow]!, this.length[lastRow]!, this.kind[lastRow]!);
      this.lastRow = row;
      return;
    }
    if (this.used > 2 * this.live + INITIAL_POOL) this.repack();
    const at = this.used;
    let n: number;
    let kind: number;
    if (vector instanceof Float32Array) {
      n = vector.length;
      kind = DENSE;
      this.reserve(n, kind, 0);
      this.values!.set(vector, at);
    } else {
      const { indices, values } = vector;
      n = indices.length;
      kind = ONES;
      let top = 0;
      for (let k = 0; k < n; k++) {
        if (values[k] !== 1) kind = SPARSE;
        if (indices[k]! > top) top = indices[k]!;
      }
      this.reserve(n, kind, top);
      this.indices!.set(indices, at);
      if (kind === SPARSE) this.values!.set(values.subarray(0, n), at);
    }
    this.used += n;
    this.point(row, at, n, kind);
    this.last = vector;
    this.lastRow = row;
  }

  /**
   * Row `row`'s vector, or null: a dense row's values are a view of the pool (read it, never
   * write it), a sparse row's arrays are copies.
   */
  get(row: number): SubjectVector | null {
    const n = this.length[row]!;
    if (n < 0) return null;
    const at = this.offset[row]!;
    const kind = this.kind[row]!;
    // A row without components may have no pool behind it (a column of empty vectors).
    if (n === 0)
      return kind === DENSE
        ? new Float32Array(0)
        : { indices: new Int32Array(0), values: new Float32Array(0) };
    if (kind === DENSE) return this.values!.subarray(at, at + n);
    const indices = Int32Array.from(this.indices!.subarray(at, at + n));
    const values = kind === ONES ? new Float32Array(n).fill(1) : this.values!.subarray(at, at + n);
    return { indices, values };
  }

  /** The number of components of row `row`'s vector, −1 without one. */
  components(row: number): number {
    return this.length[row]!;
  }

  /**
   * Row `row`'s dot product with a target vector (the row has a vector), as {@link dot32}
   * computes it from the subject's own vector: the same products (1 × x is x) in the same
   * order.
   */
  dot(row: number, target: Float32Array): number {
    const at = this.offset[row]!;
    const end = at + this.length[row]!;
    const kind = this.kind[row]!;
    let s = 0;
    if (kind === ONES) {
      const indices = this.indices!;
      for (let k = at; k < end; k++) s += target[indices[k]!]!;
    } else if (kind === DENSE) {
      const values = this.values!;
      for (let k = at; k < end; k++) s += values[k]! * target[k - at]!;
    } else {
      const indices = this.indices!;
      const values = this.values!;
      for (let k = at; k < end; k++) s += values[k]! * target[indices[k]!]!;
    }
    return s;
  }

  /** Bytes of the row arrays and of the pools. */
  byteLength(): number {
    const rows = this.offset.byteLength + this.length.byteLength + this.kind.byteLength;
    return rows + (this.values?.byteLength ?? 0) + (this.indices?.byteLength ?? 0);
  }

  /**
   * A column of the rows `keep` (old row numbers, in their new order), packed: rows that
   * shared components still share them.
   */
  select(keep: readonly number[], capacity: number): VectorColumn {
    const out = new VectorColumn(capacity, this.dimension);
    out.copyFrom(this, keep.length, (i) => keep[i]!);
    return out;
  }

  private point(row: number, at: number, n: number, kind: number): void {
    this.offset[row] = at;
    this.length[row] = n;
    this.kind[row] = kind;
    this.live += n;
  }

  /**
   * Room for `n` more components of a row of `kind`, whose largest dimension is `top`: the
   * pools it needs exist, and the index pool is 32-bit when `top` needs it.
   */
  private reserve(n: number, kind: number, top: number): void {
    const need = this.used + n;
    if (need > this.size) {
      let size = Math.max(INITIAL_POOL, this.size * 2);
      while (size < need) size *= 2;
      this.size = size;
      if (this.values) this.values = copied(new Float32Array(size), this.values, this.used);
      if (this.indices)
        this.indices = copied(
          this.indices instanceof Uint16Array ? new Uint16Array(size) : new Int32Array(size),
          this.indices,
          this.used,
        );
    }
    if (kind !== ONES && !this.values) this.values = new Float32Array(this.size);
    if (kind === DENSE) return;
    const wide = top > MAX_U16 || this.dimension > MAX_U16;
    if (!this.indices) this.indices = wide ? new Int32Array(this.size) : new Uint16Array(this.size);
    else if (wide && this.indices instanceof Uint16Array)
      this.indices = copied(new Int32Array(this.size), this.indices, this.used);
  }

  /**
   * Rows `rowAt(0)`, …, `rowAt(count − 1)` of `from` into rows 0, 1, … of this (empty) column,
   * each range copied once.
   */
  private copyFrom(from: Pools, count: number, rowAt: (i: number) => number): void {
    /** Where each range copied starts now, by where it started (ranges with components). */
    const moved = new Map<number, number>();
    const wide = from.indices instanceof Int32Array ? Number.MAX_SAFE_INTEGER : 0;
    for (let i = 0; i < count; i++) {
      const r = rowAt(i);
      const n = from.length[r]!;
      if (n < 0) continue;
      const kind = from.kind[r]!;
      const start = from.offset[r]!;
      let to = n === 0 ? 0 : moved.get(start);
      if (to === undefined) {
        this.reserve(n, kind, wide);
        to = this.used;
        if (kind !== ONES) this.values!.set(from.values!.subarray(start, start + n), to);
        if (kind !== DENSE) this.indices!.set(from.indices!.subarray(start, start + n), to);
        this.used += n;
        moved.set(start, to);
      }
      this.point(i, to, n, kind);
    }
  }

  /** Copies every row's components to fresh pools, dropping the ranges no row points to. */
  private repack(): void {
    const { offset, length, kind, values, indices } = this;
    const from: Pools = { offset, length, kind, values, indices };
    this.offset = new Int32Array(this.capacity);
    this.length = new Int32Array(this.capacity).fill(NONE);
    this.kind = new Uint8Array(this.capacity);
    this.values = null;
    this.indices = null;
    this.size = 0;
    this.used = 0;
    this.live = 0;
    this.last = null;
    this.lastRow = -1;
    this.copyFrom(from, this.capacity, (r) => r);
  }
}

/** `into` holding the first `n` elements of `from`. */
function copied<A extends Float32Array | Uint16Array | Int32Array>(
  into: A,
  from: Float32Array | Uint16Array | Int32Array,
  n: number,
): A {
  into.set(from.subarray(0, n));
  return into;
}

/**
 * Bounded top-k selection over (score, row) pairs, in typed arrays: O(n log k) and no
 * allocation per candidate, instead of sorting all n scores.
 *
 * Order: higher score first; equal scores by `tieRank[row]` ascending (the rank of the row's id
 * in sorted id order), so the result matches {@link compareRanked} exactly.
 *
 * @module
 */

/** A bounded min-heap keeping the best `k` rows seen. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;

  /**
   * @param k - capacity (≥ 0)
   * @param tieRank - per row, the position of its id in ascending id order
   */
  constructor(
    readonly k: number,
    private readonly tieRank: Int32Array | Uint32Array,
  ) {
    this.scores = new Float64Array(Math.max(0, k));
    this.rows = new Int32Array(Math.max(0, k));
  }

  /** Number of rows held. */
  get length(): number {
    return this.size;
  }

  /** The lowest score held (−∞ while not full): a candidate must beat it to enter. */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  /** Offers a row; keeps it if it is among the best `k` so far. */
  push(score: number, row: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      // sift up: parent must be "worse or equal" than child in a min-heap of quality
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, row, this.scores[p]!, this.rows[p]!)) break;
        this.scores[i] = this.scores[p]!;
        this.rows[i] = this.rows[p]!;
        i = p;
      }
      this.scores[i] = score;
      this.rows[i] = row;
      return;
    }
    if (!this.worse(this.scores[0]!, this.rows[0]!, score, row)) return;
    this.siftDown(score, row);
  }

  /** The rows held, best first. The heap is left empty. */
  drain(): { rows: Int32Array; scores: Float64Array } {
    const n = this.size;
    const rows = new Int32Array(n);
    const scores = new Float64Array(n);
    for (let out = n - 1; out >= 0; out--) {
      rows[out] = this.rows[0]!;
      scores[out] = this.scores[0]!;
      const lastScore = this.scores[this.size - 1]!;
      const lastRow = this.rows[this.size - 1]!;
      this.size--;
      if (this.size > 0) this.siftDown(lastScore, lastRow);
    }
    return { rows, scores };
  }

  /**
   * Writes the rows held, best first, into `rows` / `scores` (each at least {@link TopK.length}
   * long) and returns their count. The heap is left empty, ready for reuse.
   */
  drainInto(rows: Int32Array, scores: Float64Array): number {
    const n = this.size;
    for (let out = n - 1; out >= 0; out--) {
      rows[out] = this.rows[0]!;
      scores[out] = this.scores[0]!;
      const lastScore = this.scores[this.size - 1]!;
      const lastRow = this.rows[this.size - 1]!;
      this.size--;
      if (this.size > 0) this.siftDown(lastScore, lastRow);
    }
    return n;
  }

  /** True when (s1, r1) ranks below (s2, r2). */
  private worse(s1: number, r1: number, s2: number, r2: number): boolean {
    return s1 < s2 || (s1 === s2 && this.tieRank[r1]! > this.tieRank[r2]!);
  }

  private siftDown(score: number, row: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.worse(this.scores[r]!, this.rows[r]!, this.scores[l]!, this.rows[l]!))
        c = r;
      if (!this.worse(this.scores[c]!, this.rows[c]!, score, row)) break;
      this.scores[i] = this.scores[c]!;
      this.rows[i] = this.rows[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }
}

/** Ranks of ids in ascending code-unit order: `rank[i]` is the position of `ids[i]`. */
export function idRanks(ids: readonly string[]): Int32Array {
  const order = ids
    .map((_, i) => i)
    .sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const rank = new Int32Array(ids.length);
  order.forEach((row, pos) => (rank[row] = pos));
  return rank;
}

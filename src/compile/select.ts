/**
 * Bounded top-k selection: a binary heap of the k best items seen so far (its root the worst
 * of them), O(n log k) instead of sorting all n.
 *
 * @module
 */

/**
 * The `k` best of `items` under `compare` (negative when `a` ranks before `b`), best first.
 * `k = Infinity` sorts everything. Ties are resolved by `compare` alone, so with a total order
 * (such as {@link compareRanked}) the result does not depend on input order.
 */
export function selectTopK<T>(items: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (!Number.isFinite(k)) return [...items].sort(compare);
  const heap: T[] = [];
  // In the heap, a parent ranks after (is worse than) its children.
  const worse = (a: T, b: T) => compare(a, b) > 0;
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, item)) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort(compare);
}

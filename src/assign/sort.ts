/**
 * Sorts on typed arrays for the assignment folder's compile and solve steps. Comparator sorts
 * (and a native typed-array sort per small group: it is called ten thousand times for an event)
 * cost more than the algorithms they prepare, so these are hand-written.
 *
 * @module
 */

/** Below this length a range is insertion-sorted; longer ranges are merge-sorted in runs of it. */
const INSERTION_RUN = 24;

/**
 * Stably sorts each group `order[start[g] .. start[g+1])` of item numbers by `key` descending
 * (equal keys keep their order). With `identityInput` the groups are taken to hold their own
 * positions (`order[i] = i`) whatever `order` holds, so a caller need not fill it first.
 */
export function sortGroupsByKeyDesc(
  order: Int32Array,
  start: Int32Array,
  key: Float64Array,
  identityInput = false,
): void {
  let longest = 0;
  for (let g = 0; g + 1 < start.length; g++) longest = Math.max(longest, start[g + 1]! - start[g]!);
  let aIdx = new Int32Array(longest);
  let aKey = new Float64Array(longest);
  let bIdx = new Int32Array(longest);
  let bKey = new Float64Array(longest);
  for (let g = 0; g + 1 < start.length; g++) {
    const lo = start[g]!;
    const n = start[g + 1]! - lo;
    if (n < 2) {
      if (n === 1 && identityInput) order[lo] = lo;
      continue;
    }
    for (let i = 0; i < n; i++) {
      const p = identityInput ? lo + i : order[lo + i]!;
      aIdx[i] = p;
      aKey[i] = key[p]!;
    }
    for (let runLo = 0; runLo < n; runLo += INSERTION_RUN) {
      const runHi = Math.min(n, runLo + INSERTION_RUN);
      for (let i = runLo + 1; i < runHi; i++) {
        const k = aKey[i]!;
        const p = aIdx[i]!;
        let j = i - 1;
        while (j >= runLo && aKey[j]! < k) {
          aKey[j + 1] = aKey[j]!;
          aIdx[j + 1] = aIdx[j]!;
          j--;
        }
        aKey[j + 1] = k;
        aIdx[j + 1] = p;
      }
    }
    for (let width = INSERTION_RUN; width < n; width *= 2) {
      for (let left = 0; left < n; left += 2 * width) {
        const mid = Math.min(n, left + width);
        const right = Math.min(n, left + 2 * width);
        let i = left;
        let j = mid;
        let k = left;
        while (i < mid && j < right) {
          // `>=` takes from the left run on ties: stable.
          if (aKey[i]! >= aKey[j]!) {
            bKey[k] = aKey[i]!;
            bIdx[k++] = aIdx[i++]!;
          } else {
            bKey[k] = aKey[j]!;
            bIdx[k++] = aIdx[j++]!;
          }
        }
        while (i < mid) {
          bKey[k] = aKey[i]!;
          bIdx[k++] = aIdx[i++]!;
        }
        while (j < right) {
          bKey[k] = aKey[j]!;
          bIdx[k++] = aIdx[j++]!;
        }
      }
      [aIdx, bIdx] = [bIdx, aIdx];
      [aKey, bKey] = [bKey, aKey];
    }
    for (let i = 0; i < n; i++) order[lo + i] = aIdx[i]!;
  }
}

/**
 * Sorts `keys[lo .. hi)` ascending in place: quicksort (median of three) down to short ranges,
 * then insertion sort. Not stable; meant for distinct keys (packed `value << bits | position`).
 */
export function sortInt32Range(keys: Int32Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION_RUN) {
    const mid = (lo + hi) >>> 1;
    let a = keys[lo]!;
    let b = keys[mid]!;
    let c = keys[hi - 1]!;
    if (b < a) [a, b] = [b, a];
    if (c < b) {
      [b, c] = [c, b];
      if (b < a) [a, b] = [b, a];
    }
    keys[lo] = a;
    keys[mid] = b;
    keys[hi - 1] = c;
    // Hoare partition around the median b; keys[lo] ≤ b ≤ keys[hi − 1] act as sentinels.
    let i = lo;
    let j = hi - 1;
    for (;;) {
      do i++;
      while (keys[i]! < b);
      do j--;
      while (keys[j]! > b);
      if (i >= j) break;
      const x = keys[i]!;
      keys[i] = keys[j]!;
      keys[j] = x;
    }
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (j + 1 - lo < hi - (j + 1)) {
      sortInt32Range(keys, lo, j + 1);
      lo = j + 1;
    } else {
      sortInt32Range(keys, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= lo && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
}

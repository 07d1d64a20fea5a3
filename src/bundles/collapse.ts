/**
 * Collapsing equivalent bundles: a bundle that differs from a better-placed one only by an
 * interchangeable member (another insurer, say, at the same score) is listed as an alternative
 * of that member instead of taking a rank of its own.
 *
 * @module
 */
import type { ProductBundle } from '../engine/api.js';
import type { Instrument } from '../model/enums.js';

/** What {@link collapseEquivalentBundles} needs to know about each product of the bundles. */
export interface BundleMemberFacts {
  /** The product's instrument. */
  instrument: Instrument;
  /** The product's match score for the enterprise (the product matcher's score). */
  matchScore: number;
}

/** Context of {@link collapseEquivalentBundles}. */
export interface CollapseBundlesContext {
  /**
   * The bundles, uncollapsed and ordered as `buildBundles` orders them (score desc, then the
   * sorted product ids); their `alternatives` are ignored and replaced.
   */
  bundles: readonly ProductBundle[];
  /** Facts of every product named by the bundles, by id. */
  members: ReadonlyMap<string, BundleMemberFacts>;
}

/**
 * Whether `other` is `representative` with each product of `swaps`' keys replaced by its
 * value. **Equivalence** (all must hold, every number compared exactly):
 * 1. the two bundles have the same number of products and differ in exactly the swapped ones;
 * 2. each swapped pair has the same instrument and the same match score;
 * 3. the bundles have the same score and the same `covered`;
 * 4. each swapped-in product has the same coverage and contribution as the one it replaces,
 *    and every shared product has the same coverage and contribution in both bundles.
 *
 * Condition 4 rules out a swap that changes what the bundle does (a different ceiling changes
 * the coverage, a declared `combinesWith` link changes the contributions), so an officer loses
 * nothing by seeing one of the two with the other named as an alternative.
 */
export function isEquivalentBySwaps(
  representative: ProductBundle,
  other: ProductBundle,
  swaps: ReadonlyMap<string, string>,
  members: ReadonlyMap<string, BundleMemberFacts>,
): boolean {
  if (swaps.size === 0 || other.productIds.length !== representative.productIds.length)
    return false;
  if (other.score !== representative.score || other.covered !== representative.covered)
    return false;
  const mine = new Set(representative.productIds);
  const theirs = new Set(other.productIds);
  for (const id of representative.productIds) {
    const swapped = swaps.get(id) ?? id;
    if (swapped !== id) {
      if (mine.has(swapped)) return false;
      const a = members.get(id);
      const b = members.get(swapped);
      if (!a || !b || a.instrument !== b.instrument || a.matchScore !== b.matchScore) return false;
    }
    if (!theirs.has(swapped)) return false;
    if (
      other.coverage[swapped] !== representative.coverage[id] ||
      other.contributions[swapped] !== representative.contributions[id]
    )
      return false;
  }
  return true;
}

/**
 * Collapses equivalent bundles (see {@link isEquivalentBySwaps}) into one entry each.
 *
 * **Grouping**, deterministic: bundles are taken in their order (score desc, then the sorted
 * product ids, so ties go by id). The first bundle not yet placed becomes an entry. For each
 * of its products, the candidates are the products that replace it alone in a bundle not yet
 * placed and equivalent to the entry. Products are then taken by most candidates (the first
 * in `productIds` on a tie), and a product's candidates become its `alternatives` (sorted by
 * id) only if every combination of the alternatives chosen so far (each product kept or
 * swapped) is a bundle not yet placed and equivalent to the entry. So an entry stands for
 * exactly the product of `1 + alternatives` over its products — the bundles it stands for
 * are placed, and none is counted twice.
 *
 * **Guarantee**: every input bundle is represented exactly once — as an entry, or as an entry
 * with some of its products swapped for their alternatives. Ranks are renumbered from 1.
 */
export function collapseEquivalentBundles(ctx: CollapseBundlesContext): ProductBundle[] {
  const { bundles, members } = ctx;
  const byKey = new Map<string, number>();
  bundles.forEach((bundle, index) => byKey.set(sortedKey(bundle.productIds), index));
  // Bundles by "every product but one, and that one's instrument": the candidates of a swap.
  const bySwapKey = new Map<string, { index: number; swapped: string }[]>();
  bundles.forEach((bundle, index) => {
    for (const id of bundle.productIds) {
      const key = swapKey(bundle.productIds, id, members);
      let list = bySwapKey.get(key);
      if (!list) bySwapKey.set(key, (list = []));
      list.push({ index, swapped: id });
    }
  });

  const placed = new Array<boolean>(bundles.length).fill(false);
  const entries: ProductBundle[] = [];
  bundles.forEach((representative, index) => {
    if (placed[index]) return;
    placed[index] = true;
    const candidates = representative.productIds.map((productId) =>
      (bySwapKey.get(swapKey(representative.productIds, productId, members)) ?? [])
        .filter(
          (c) =>
            !placed[c.index] &&
            isEquivalentBySwaps(
              representative,
              bundles[c.index]!,
              new Map([[productId, c.swapped]]),
              members,
            ),
        )
        .map((c) => c.swapped)
        .sort(compareKeys),
    );
    const slots = representative.productIds
      .map((_, slot) => slot)
      .filter((slot) => candidates[slot]!.length > 0)
      .sort((a, b) => candidates[b]!.length - candidates[a]!.length || a - b);
    let chosen: number[] = [];
    let covered: number[] = [];
    for (const slot of slots) {
      const tentative = [...chosen, slot];
      const found = combinations(representative, tentative, candidates).map((swaps) => {
        const other = byKey.get(
          sortedKey(representative.productIds.map((id) => swaps.get(id) ?? id)),
        );
        return other !== undefined &&
          !placed[other] &&
          isEquivalentBySwaps(representative, bundles[other]!, swaps, members)
          ? other
          : undefined;
      });
      if (found.every((other) => other !== undefined)) {
        chosen = tentative;
        covered = found as number[];
      }
    }
    for (const other of covered) placed[other] = true;
    const alternatives: Record<string, string[]> = {};
    for (const slot of chosen.sort((a, b) => a - b))
      alternatives[representative.productIds[slot]!] = candidates[slot]!;
    entries.push({ ...representative, rank: entries.length + 1, alternatives });
  });
  return entries;
}

/**
 * Every way of swapping at least one of the products at `slots` for one of its candidates
 * (the others kept), as replaced → swapped-in maps.
 */
function combinations(
  representative: ProductBundle,
  slots: readonly number[],
  candidates: readonly (readonly string[])[],
): Map<string, string>[] {
  let out: Map<string, string>[] = [new Map()];
  for (const slot of slots) {
    const replaced = representative.productIds[slot]!;
    const next: Map<string, string>[] = [];
    for (const swaps of out) {
      next.push(swaps);
      for (const swapped of candidates[slot]!) next.push(new Map([...swaps, [replaced, swapped]]));
    }
    out = next;
  }
  return out.filter((swaps) => swaps.size > 0);
}

function sortedKey(productIds: readonly string[]): string {
  return productIds.slice().sort(compareKeys).join('\u0000');
}

function swapKey(
  productIds: readonly string[],
  swappedOut: string,
  members: ReadonlyMap<string, BundleMemberFacts>,
): string {
  const rest = productIds.filter((id) => id !== swappedOut).sort(compareKeys);
  return `${members.get(swappedOut)?.instrument ?? ''}\u0001${rest.join('\u0000')}`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

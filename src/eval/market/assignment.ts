/**
 * Quality of an assignment of subjects (enterprises, projects) to capacity-limited targets
 * (products, investors): capacity use and stability (blocking pairs).
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { compareCodePoints } from '../ranking.js';

/** Subject id → assigned target id, or `null`/absent when unassigned. */
export type Assignment = Readonly<Record<string, string | null | undefined>>;

/** Result of {@link capacityUse}. */
export interface CapacityUseResult {
  /** Per target: subjects assigned, capacity and used / capacity (0 when capacity is 0). */
  perTarget: Record<string, { used: number; capacity: number; share: number }>;
  /** Subjects assigned to targets with a capacity. */
  used: number;
  /** Sum of capacities. */
  capacity: number;
  /** used / capacity, 0 when there is no capacity. */
  share: number;
  /** Targets holding more subjects than their capacity. */
  overfull: string[];
  /** Subjects assigned to a target with no capacity entry. */
  unknownTargets: string[];
}

/** How much of each target's capacity an assignment uses. */
export function capacityUse(
  assignment: Assignment,
  capacities: Readonly<Record<string, number>>,
): CapacityUseResult {
  checkCapacities(capacities);
  const usedBy = countAssigned(assignment);
  const perTarget: CapacityUseResult['perTarget'] = {};
  let used = 0;
  let capacity = 0;
  const overfull: string[] = [];
  for (const target of Object.keys(capacities).sort(compareCodePoints)) {
    const cap = capacities[target]!;
    const n = usedBy.get(target) ?? 0;
    perTarget[target] = { used: n, capacity: cap, share: cap === 0 ? 0 : n / cap };
    used += n;
    capacity += cap;
    if (n > cap) overfull.push(target);
  }
  const unknownTargets = Object.keys(assignment)
    .filter((s) => {
      const t = assignment[s];
      return t != null && !Object.hasOwn(capacities, t);
    })
    .sort(compareCodePoints);
  return {
    perTarget,
    used,
    capacity,
    share: capacity === 0 ? 0 : used / capacity,
    overfull,
    unknownTargets,
  };
}

/** Inputs of {@link blockingPairs}. */
export interface StabilityInput {
  assignment: Assignment;
  capacities: Readonly<Record<string, number>>;
  /** Each subject's acceptable targets, most preferred first. */
  subjectPreferences: Readonly<Record<string, readonly string[]>>;
  /** Each target's acceptable subjects, most preferred first. */
  targetPreferences: Readonly<Record<string, readonly string[]>>;
}

/** A subject and a target that would both rather be matched to each other. */
export interface BlockingPair {
  subject: string;
  target: string;
}

/**
 * Blocking pairs of a many-to-one assignment (Gale & Shapley's college admissions): a
 * subject s and a target t, each acceptable to the other, such that s is unassigned or
 * prefers t to its target, and t has free capacity or prefers s to one of its assigned
 * subjects (a subject t does not list counts as its least preferred). A stable assignment
 * has none. Pairs are listed by subject, then by the subject's preference.
 */
export function blockingPairs(input: StabilityInput): { count: number; pairs: BlockingPair[] } {
  checkCapacities(input.capacities);
  const { assignment, capacities, subjectPreferences, targetPreferences } = input;
  const targetRank = new Map<string, Map<string, number>>();
  for (const t of Object.keys(targetPreferences)) {
    targetRank.set(t, new Map(targetPreferences[t]!.map((s, i) => [s, i])));
  }
  const assignedTo = new Map<string, string[]>();
  for (const s of Object.keys(assignment)) {
    const t = assignment[s];
    if (t == null) continue;
    const list = assignedTo.get(t);
    if (list) list.push(s);
    else assignedTo.set(t, [s]);
  }
  // Rank of each target's least preferred assigned subject (Infinity when it lists it not).
  const worstRank = new Map<string, number>();
  for (const [t, subjects] of assignedTo) {
    const ranks = targetRank.get(t);
    worstRank.set(t, Math.max(...subjects.map((s) => ranks?.get(s) ?? Number.POSITIVE_INFINITY)));
  }
  const pairs: BlockingPair[] = [];
  for (const s of Object.keys(subjectPreferences).sort(compareCodePoints)) {
    const prefs = subjectPreferences[s]!;
    const current = Object.hasOwn(assignment, s) ? assignment[s] : undefined;
    const currentIndex = current == null ? prefs.length : prefs.indexOf(current);
    const limit = currentIndex === -1 ? prefs.length : currentIndex;
    for (let i = 0; i < limit; i++) {
      const t = prefs[i]!;
      const rankOfS = targetRank.get(t)?.get(s);
      if (rankOfS === undefined || !Object.hasOwn(capacities, t)) continue;
      const held = assignedTo.get(t)?.length ?? 0;
      if (held < capacities[t]! || rankOfS < worstRank.get(t)!)
        pairs.push({ subject: s, target: t });
    }
  }
  return { count: pairs.length, pairs };
}

function countAssigned(assignment: Assignment): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of Object.keys(assignment)) {
    const t = assignment[s];
    if (t != null) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

function checkCapacities(capacities: Readonly<Record<string, number>>): void {
  for (const t of Object.keys(capacities)) {
    const c = capacities[t];
    if (!Number.isSafeInteger(c) || c! < 0) {
      throw new OptionError(
        'capacities',
        `capacity of ${JSON.stringify(t)} must be an integer ≥ 0, received ${String(c)}`,
      );
    }
  }
}

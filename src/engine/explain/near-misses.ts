/**
 * Near misses: for a subject that gets few or no eligible targets, the targets it misses by
 * the fewest rules, and the single changes that would make the most targets eligible,
 * counted by change ("renew the SRDI certificate: 14 products"); a change also counts the
 * targets of the weaker changes it covers (a `littleGiant` certificate meets a `srdi`
 * minimum). Each change is the one the
 * failing rule itself names ({@link ExclusionReason.change}, from the same description that
 * gives its hint), so there is one account of "what would make this pass".
 *
 * @module
 */
import { integerOption, readOptions } from '../../util/options.js';
import { MAX_NEAR_MISS_LIST, NEAR_MISSES_SHOWN, UNLOCKING_CHANGES_SHOWN } from '../defaults.js';
import type { NearMiss, NearMissReport, UnlockingChange } from '../api.js';
import type { ExclusionReason, PairContext, Profile } from '../types.js';

/** `NearMissOptions` (../api.ts) resolved. */
export interface ResolvedNearMissOptions {
  nearest: number;
  changes: number;
}

const NEAR_MISS_KEYS = ['nearest', 'changes'] as const;

/**
 * Validates near-miss options.
 *
 * @throws {@link OptionError} naming the option (unknown key, or not an integer in range).
 */
export function resolveNearMissOptions(options: unknown): ResolvedNearMissOptions {
  const o = readOptions(options, NEAR_MISS_KEYS);
  const count = (value: unknown, path: string, fallback: number) =>
    integerOption(value, path, {
      min: 1,
      max: MAX_NEAR_MISS_LIST,
      infinity: true,
      default: fallback,
    });
  return {
    nearest: count(o.nearest, 'nearest', NEAR_MISSES_SHOWN),
    changes: count(o.changes, 'changes', UNLOCKING_CHANGES_SHOWN),
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The near-miss report of one subject over `pairs` (one context per target, same subject):
 * every rule is checked on every pair (with the rule's fast `test` first, its full `check`
 * only on failure), so the report agrees with rankings and explanations. Deterministic: the
 * order of `pairs` does not matter.
 */
export function findNearMisses<S extends { id: string }, T extends { id: string }>(
  profile: Profile<S, T>,
  subjectId: string,
  pairs: Iterable<PairContext<S, T>>,
  options: ResolvedNearMissOptions,
): NearMissReport {
  let eligible = 0;
  const misses: (NearMiss & { actionable: boolean })[] = [];
  for (const ctx of pairs) {
    const failed: ExclusionReason[] = [];
    for (const rule of profile.rules) {
      if (rule.test !== undefined && rule.test(ctx)) continue;
      const outcome = rule.check(ctx);
      if (!outcome.passed) failed.push(outcome.reason);
    }
    if (failed.length === 0) eligible++;
    else
      misses.push({
        targetId: ctx.target.id,
        failed,
        actionable: failed.every((r) => r.change !== undefined),
      });
  }
  misses.sort(
    (a, b) =>
      a.failed.length - b.failed.length ||
      Number(b.actionable) - Number(a.actionable) ||
      byId(a.targetId, b.targetId),
  );

  // Every change named by a changeable miss; each unlocks the misses whose every failed rule
  // names it or a weaker change it covers.
  const named = new Map<string, { rule: string; label: string; achieves: Set<string> }>();
  for (const miss of misses) {
    if (!miss.actionable) continue;
    for (const f of miss.failed) {
      const c = f.change!;
      if (!named.has(c.key))
        named.set(c.key, {
          rule: f.rule,
          label: c.label,
          achieves: new Set([c.key, ...(c.covers ?? [])]),
        });
    }
  }
  const changes: UnlockingChange[] = [];
  for (const [key, c] of named) {
    const targetIds = misses
      .filter((m) => m.actionable && m.failed.every((f) => c.achieves.has(f.change!.key)))
      .map((m) => m.targetId)
      .sort(byId);
    // A change named only by misses that also need another change unlocks nothing alone.
    if (targetIds.length > 0)
      changes.push({ key, label: c.label, rule: c.rule, count: targetIds.length, targetIds });
  }
  changes.sort((a, b) => b.count - a.count || byId(a.key, b.key));

  return {
    subjectId,
    eligible,
    ineligible: misses.length,
    nearest: misses.slice(0, options.nearest).map(({ targetId, failed }) => ({ targetId, failed })),
    changes: changes.slice(0, options.changes),
  };
}

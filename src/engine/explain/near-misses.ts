/**
 * Near misses: for a subject that gets few or no eligible targets, the targets it misses by
 * the fewest rules, and the single changes that would make the most targets eligible,
 * counted by change ("renew the SRDI certificate: 14 products"). Each change is the one the
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

  const unlocking = new Map<string, UnlockingChange>();
  for (const miss of misses) {
    if (!miss.actionable) continue;
    const keys = new Set(miss.failed.map((r) => r.change!.key));
    if (keys.size !== 1) continue;
    const first = miss.failed[0]!;
    const change = first.change!;
    const entry = unlocking.get(change.key);
    if (entry) entry.targetIds.push(miss.targetId);
    else
      unlocking.set(change.key, {
        key: change.key,
        label: change.label,
        rule: first.rule,
        count: 0,
        targetIds: [miss.targetId],
      });
  }
  const changes = [...unlocking.values()]
    .map((c) => ({ ...c, count: c.targetIds.length, targetIds: c.targetIds.sort(byId) }))
    .sort((a, b) => b.count - a.count || byId(a.key, b.key))
    .slice(0, options.changes);

  return {
    subjectId,
    eligible,
    ineligible: misses.length,
    nearest: misses.slice(0, options.nearest).map(({ targetId, failed }) => ({ targetId, failed })),
    changes,
  };
}

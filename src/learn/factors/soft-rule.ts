/**
 * Soft eligibility: an eligibility rule turned into a factor. A failing pair is not filtered
 * out; it pays a penalty, learned from outcomes — the log-likelihood ratio of the rule's
 * outcome among the pairs that were actually financed against all pairs.
 *
 * @module
 */
import type {
  PartSpec,
  EligibilityRule,
  Factor,
  NumericKernel,
  PairContext,
  PrepareContext,
  Profile,
  WeightedFactor,
} from '../../engine/types.js';
import { ProfileError } from '../../errors.js';
import { LEARNED_FACTOR_WEIGHT } from '../../engine/defaults.js';
import {
  DEFAULT_SOFT_RULE_PENALTY_NATS,
  FINANCED_WEIGHT,
  MAX_SOFT_RULE_PENALTY_NATS,
  SOFT_RULE_BASELINE_SAMPLE,
} from '../history/defaults.js';
import { collectPairs } from '../history/model.js';
import type { HistorySubject } from '../history/features.js';
import { hasOutcomeHistory, inferMarket, type HistoryTarget } from '../history/prepare.js';
import { createRandom } from '../../util/random.js';
import { CONSTANT_KEY, natsToValue } from './value-map.js';
import { specField } from '../../engine/part-spec.js';

/** Options of {@link softRuleFactor}. */
export interface SoftRuleOptions {
  /**
   * A fixed penalty in nats for a failing pair. Default: learned in `prepare` from outcomes
   * (capped at {@link MAX_SOFT_RULE_PENALTY_NATS}); {@link DEFAULT_SOFT_RULE_PENALTY_NATS}
   * without history.
   */
  penaltyNats?: number;
}

/** The factor made from a soft rule; `penaltyNats` is what a failing pair loses. */
export interface SoftRuleFactor<S, T> extends Factor<S, T> {
  readonly rule: EligibilityRule<S, T>;
  readonly penaltyNats: number;
}

/**
 * Turns `rule` into a factor named `soft:<rule name>`: value 0.5 when the rule passes,
 * `natsToValue(−penaltyNats)` when it fails. The penalty is learned in `prepare` when
 * interactions are given (log of the pass rate among financed pairs over the pass rate among
 * all subject–target pairs, Laplace-smoothed, in [0, {@link MAX_SOFT_RULE_PENALTY_NATS}]).
 * Carries the rule's fast-path hook (`key` or `kernel`), so soft rules stay on the fast path.
 * `reasons` says why the rule failed and what would change it.
 */
export function softRuleFactor<S extends { id: string }, T extends { id: string }>(
  rule: EligibilityRule<S, T>,
  options: SoftRuleOptions = {},
): SoftRuleFactor<S, T> {
  checkKeys(`soft rule "${rule?.name}"`, options, ['penaltyNats']);
  if (
    options.penaltyNats !== undefined &&
    !(options.penaltyNats >= 0 && Number.isFinite(options.penaltyNats))
  )
    throw new ProfileError(
      `soft rule "${rule.name}": penaltyNats must be a finite number ≥ 0, received ${String(options.penaltyNats)}`,
    );
  return make(rule, options.penaltyNats ?? DEFAULT_SOFT_RULE_PENALTY_NATS, options);
}

function make<S extends { id: string }, T extends { id: string }>(
  rule: EligibilityRule<S, T>,
  penaltyNats: number,
  options: SoftRuleOptions,
): SoftRuleFactor<S, T> {
  const passValue = natsToValue(0);
  const failValue = natsToValue(-penaltyNats);
  const passes = (ctx: PairContext<S, T>) =>
    typeof rule.test === 'function' ? rule.test(ctx) : rule.check(ctx).passed;
  const kernel: NumericKernel<S, T> | undefined = rule.kernel && {
    columnName: rule.kernel.columnName,
    column: rule.kernel.column,
    compile(target, env) {
      const test = rule.kernel!.compile(target, env);
      return (x) => (test(x) === 1 ? passValue : failValue);
    },
  };
  return {
    name: `soft:${rule.name}`,
    ...nestedSpec('softRule', rule, options),
    label: rule.label
      ? { zh: `${rule.label.zh}（软约束）`, en: `${rule.label.en} (soft)` }
      : { zh: `${rule.name}（软约束）`, en: `${rule.name} (soft)` },
    description: {
      zh: `软约束：${rule.description.zh}；不满足时扣分而不排除`,
      en: `soft rule: ${rule.description.en}; failing it costs a penalty instead of excluding`,
    },
    side: 'target',
    rule,
    penaltyNats,
    ...(rule.key ? { key: rule.key } : {}),
    ...(kernel ? { kernel } : {}),
    score: (ctx) => (passes(ctx) ? passValue : failValue),
    reasons(ctx) {
      const outcome = rule.check(ctx);
      if (outcome.passed) return [];
      const en = ctx.locale === 'en';
      return [
        en
          ? `${outcome.reason.message}; ${outcome.reason.hint} (penalty ${penaltyNats.toFixed(2)} nats)`
          : `${outcome.reason.message}；${outcome.reason.hint}（扣分 ${penaltyNats.toFixed(2)} nats）`,
      ];
    },
    prepare(ctx: PrepareContext<S, T>): Factor<S, T> {
      if (options.penaltyNats !== undefined) return this;
      const learned = learnPenalty(rule, ctx);
      return learned === undefined ? this : make(rule, learned, options);
    },
  };
}

/** log(P(pass | financed) / P(pass | any pair)) turned into a failing pair's penalty. */
function learnPenalty<S extends { id: string }, T extends { id: string }>(
  rule: EligibilityRule<S, T>,
  ctx: PrepareContext<S, T>,
): number | undefined {
  const subjects = new Map((ctx.subjects ?? []).map((s) => [s.id, s]));
  // A matcher's catalogue or an index's history targets: both fit the same penalty.
  const targets = new Map([...(ctx.historyTargets ?? []), ...ctx.targets].map((t) => [t.id, t]));
  if (subjects.size === 0 || targets.size === 0 || !ctx.interactions?.length) return undefined;
  const asOf = ctx.asOf ?? '9999-12-31';
  const market = inferMarket(ctx as unknown as PrepareContext<HistorySubject, HistoryTarget>);
  const itemKind = market === 'enterpriseProduct' ? 'product' : 'investor';
  const pairs = collectPairs(ctx.interactions, itemKind, asOf).filter(
    (p) => p.weight >= FINANCED_WEIGHT && subjects.has(p.subjectId) && targets.has(p.targetId),
  );
  if (pairs.length === 0) return undefined;
  const pass = (s: S, t: T) =>
    rule.check({ subject: s, target: t, asOf, locale: 'en', reference: ctx.reference }).passed;
  let financedFail = 0;
  for (const p of pairs)
    if (!pass(subjects.get(p.subjectId)!, targets.get(p.targetId)!)) financedFail++;
  const byId = <R extends { id: string }>(a: R, b: R) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const subjectList = [...subjects.values()].sort(byId);
  const targetList = [...targets.values()].sort(byId);
  const rnd = createRandom(`soft-rule\u0000${rule.name}`);
  let anyFail = 0;
  for (let i = 0; i < SOFT_RULE_BASELINE_SAMPLE; i++) {
    if (!pass(subjectList[rnd.int(subjectList.length)]!, targetList[rnd.int(targetList.length)]!))
      anyFail++;
  }
  const failFinanced = (financedFail + 1) / (pairs.length + 2);
  const failAny = (anyFail + 1) / (SOFT_RULE_BASELINE_SAMPLE + 2);
  const penalty = Math.log(failAny / failFinanced);
  return Math.min(MAX_SOFT_RULE_PENALTY_NATS, Math.max(0, penalty));
}

/** Throws a ProfileError for options that are not an object or hold an unknown key. */
function checkKeys(where: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new ProfileError(`${where}: options must be an object`);
  for (const key of Object.keys(options))
    if (!known.includes(key))
      throw new ProfileError(
        `${where}: unknown option "${key}"; expected one of ${known.join(', ')}`,
      );
}

/** A rule used only to validate soft-rule options when a profile has no rules. */
const PROBE_RULE: EligibilityRule<{ id: string }, { id: string }> = {
  name: 'probe',
  description: { zh: '', en: '' },
  check: () => ({ passed: true }),
};

/**
 * The profile with the named rules made soft: each leaves `rules` and joins the factors as
 * {@link softRuleFactor} with weight {@link LEARNED_FACTOR_WEIGHT} (so its penalty adds in
 * nats to the learned factors'). Throws {@link ProfileError} for an unknown rule name.
 */
export function softenRules<S extends { id: string }, T extends { id: string }>(
  profile: Profile<S, T>,
  names: readonly string[],
  options: SoftRuleOptions & { weight?: number } = {},
): Profile<S, T> {
  checkKeys('softenRules', options, ['penaltyNats', 'weight']);
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw new ProfileError('softenRules: names must be an array of rule names');
  const weight = options.weight ?? LEARNED_FACTOR_WEIGHT;
  if (typeof weight !== 'number' || !(weight >= 0 && Number.isFinite(weight)))
    throw new ProfileError(
      `softenRules: weight must be a finite number ≥ 0, received ${String(weight)}`,
    );
  if (options.penaltyNats !== undefined) softRuleFactor(profile.rules[0] ?? PROBE_RULE, options);
  const known = new Set(profile.rules.map((r) => r.name));
  for (const n of names)
    if (!known.has(n))
      throw new ProfileError(
        `profile "${profile.name}" has no rule "${n}" to make soft; its rules: ${[...known].join(', ')}`,
      );
  const soft = new Set(names);
  const added: WeightedFactor<S, T>[] = profile.rules
    .filter((r) => soft.has(r.name))
    .map((r) => ({ factor: softRuleFactor(r, options), weight }));
  return Object.freeze({
    ...profile,
    rules: Object.freeze(profile.rules.filter((r) => !soft.has(r.name))),
    factors: Object.freeze([...profile.factors, ...added]),
  });
}

/**
 * A rule that is hard without outcome history and soft with it: the returned `rule` filters
 * like `rule` until a matcher is built with positive outcomes of its market; then it passes
 * every pair and the returned `factor` (`soft:<name>`, abstaining without history) scores the
 * learned penalty instead. For declared preferences that outcomes show are not absolute (an
 * investor's stated sectors, rounds, ticket): the history says how strictly each holds.
 */
export function softWithHistory<S extends { id: string }, T extends { id: string }>(
  rule: EligibilityRule<S, T>,
  options: SoftRuleOptions = {},
): { rule: EligibilityRule<S, T>; factor: Factor<S, T> } {
  const soft = softRuleFactor(rule, options);
  const passAll: EligibilityRule<S, T> = {
    name: rule.name,
    ...(rule.label ? { label: rule.label } : {}),
    description: {
      zh: `${rule.description.zh}（已有结果数据：不再排除，由 ${soft.name} 扣分）`,
      en: `${rule.description.en} (outcome history present: not a filter; scored by ${soft.name})`,
    },
    check: () => ({ passed: true }),
    test: () => true,
    key: CONSTANT_KEY,
  };
  const { spec: _hardSpec, ...hard } = rule;
  const wrapped: EligibilityRule<S, T> = {
    ...hard,
    ...nestedSpec('softWithHistory', rule, options),
    prepare(ctx: PrepareContext<S, T>) {
      const history = hasOutcomeHistory(
        ctx as unknown as PrepareContext<HistorySubject, HistoryTarget>,
      );
      return history ? passAll : rule;
    },
  };
  const abstaining: Factor<S, T> = {
    name: soft.name,
    ...(soft.label ? { label: soft.label } : {}),
    description: soft.description,
    side: soft.side ?? 'target',
    key: CONSTANT_KEY,
    score: () => null,
  };
  const factor: Factor<S, T> = {
    ...abstaining,
    ...nestedSpec('softWithHistory', rule, options),
    prepare(ctx: PrepareContext<S, T>) {
      const history = hasOutcomeHistory(
        ctx as unknown as PrepareContext<HistorySubject, HistoryTarget>,
      );
      return history ? soft.prepare!(ctx) : abstaining;
    },
  };
  return { rule: wrapped, factor };
}

/**
 * The spec of a part wrapping `rule` (`softRule`, `softWithHistory`): the wrapped rule's own
 * spec nested under `rule`, beside the options; none when the rule is custom code.
 */
function nestedSpec(
  kind: string,
  rule: { spec?: PartSpec },
  options: SoftRuleOptions,
): { spec?: PartSpec } {
  if (!rule.spec) return {};
  return specField(kind, { ...options, rule: rule.spec });
}

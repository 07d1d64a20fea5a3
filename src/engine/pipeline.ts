/**
 * The scoring pipeline for one pair, in one place: eligibility rules → factor values →
 * ranking strategy. {@link scorePair} is what rankings use; {@link explainPair} runs the same
 * arithmetic and adds every rule's outcome and the summary, so an explanation always matches
 * the ranked score exactly. A faster columnar path must reproduce {@link scorePair}.
 *
 * @module
 */
import { FinmatchError, ProfileError } from '../errors.js';
import { pick } from '../i18n/locale.js';
import { summarize } from './explain/summary.js';
import type {
  CombinedScore,
  ExclusionReason,
  Explanation,
  FactorScore,
  FactorValue,
  PairContext,
  PrepareContext,
  Profile,
  RuleResult,
} from './types.js';

/** Thrown when a factor returns something other than a number in [0, 1] or `null`. */
export class FactorValueError extends FinmatchError {
  /** The factor's name. */
  readonly factor: string;
  /** What it returned. */
  readonly value: unknown;
  constructor(factor: string, value: unknown, subjectId: string, targetId: string) {
    super(
      'INVALID_PROFILE',
      `factor "${factor}" returned ${describeValue(value)} for the pair (${subjectId}, ${targetId}); ` +
        'a factor must return a finite number in [0, 1] or null to abstain',
    );
    this.name = 'FactorValueError';
    this.factor = factor;
    this.value = value;
  }
}

/** Anything with an id (every record). */
export interface Identified {
  id: string;
}

/** Options of {@link scorePair}. */
export interface ScorePairOptions {
  /**
   * Run every rule even after one failed, collecting every exclusion (default `true`). Rankings
   * pass `false` to stop at the first failure: the score of an ineligible pair is 0 either way.
   */
  exhaustive?: boolean;
  /** Also return a {@link RuleResult} for each rule run (default `false`). */
  ruleResults?: boolean;
}

/** What {@link scorePair} computes for one pair. */
export interface PairScore {
  /** True when every rule passed. */
  eligible: boolean;
  /** The strategy's score in [0, 1]; 0 when ineligible. */
  score: number;
  /** Each factor's contribution (empty when ineligible). */
  contributions: Record<string, number>;
  /** Raw factor values in profile order (empty when ineligible). */
  factors: Record<string, FactorValue>;
  /** The factor scores as the strategy saw them (empty when ineligible). */
  factorScores: FactorScore[];
  /** Tiered strategies' sort key. */
  sortKey?: readonly number[];
  /** Two-sided strategies' side scores. */
  sides?: { subject: number; target: number };
  /**
   * The weights the score really used, by factor (contribution = weight × value); empty when
   * ineligible. See {@link usedWeights}.
   */
  weights: Record<string, number>;
  /** Failed rules (only the first unless `exhaustive`). */
  exclusions: ExclusionReason[];
  /** Every rule run, when `ruleResults` was set. */
  rules?: RuleResult[];
}

/**
 * Scores one pair: every rule (or up to the first failure), then — only if eligible — every
 * factor, validated, then the profile's strategy. Pure: same profile and context, same result.
 *
 * @throws {@link FactorValueError} when a factor returns NaN, ±Infinity, a value outside
 * [0, 1] or a non-number.
 */
export function scorePair<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
  options: ScorePairOptions = {},
): PairScore {
  const exhaustive = options.exhaustive ?? true;
  const collect = options.ruleResults ?? false;
  const exclusions: ExclusionReason[] = [];
  const rules: RuleResult[] | undefined = collect ? [] : undefined;
  for (const rule of profile.rules) {
    const outcome = rule.check(ctx);
    if (outcome.passed) {
      // A rule that does not apply checked nothing: say why, never its pass description.
      rules?.push(
        outcome.notApplicable !== undefined
          ? {
              rule: rule.name,
              passed: true,
              outcome: 'not-applicable',
              message: outcome.notApplicable,
              hint: '',
            }
          : {
              rule: rule.name,
              passed: true,
              outcome: 'pass',
              message: pick(rule.description, ctx.locale),
              hint: '',
              ...(outcome.actual !== undefined ? { actual: outcome.actual } : {}),
              ...(outcome.required !== undefined ? { required: outcome.required } : {}),
            },
      );
      continue;
    }
    const reason = outcome.reason;
    exclusions.push(reason);
    rules?.push({
      rule: rule.name,
      passed: false,
      outcome: 'fail',
      message: reason.message,
      hint: reason.hint,
      actual: reason.actual,
      required: reason.required,
      ...(reason.change !== undefined ? { change: reason.change } : {}),
    });
    if (!exhaustive) break;
  }
  if (exclusions.length > 0) {
    return {
      eligible: false,
      score: 0,
      contributions: {},
      factors: {},
      factorScores: [],
      weights: {},
      exclusions,
      ...(rules ? { rules } : {}),
    };
  }
  const factorScores = scoreFactors(profile, ctx);
  const combined: CombinedScore = profile.strategy.combine({ factors: factorScores });
  const factors: Record<string, FactorValue> = {};
  for (const f of factorScores) factors[f.name] = f.value;
  return {
    eligible: true,
    score: combined.score,
    contributions: combined.contributions,
    factors,
    factorScores,
    weights: usedWeights(combined, factorScores),
    ...(combined.sortKey ? { sortKey: combined.sortKey } : {}),
    ...(combined.sides ? { sides: combined.sides } : {}),
    exclusions,
    ...(rules ? { rules } : {}),
  };
}

/**
 * Every factor's value for a pair, validated, in profile order (without checking rules).
 *
 * @throws {@link FactorValueError}
 */
/**
 * Whether `v` is a factor's value other than `null`: a number in [0, 1] (NaN is not). Every
 * path that reads a factor's `score` or fast-path answer checks it with this.
 */
export function isUnitValue(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

export function scoreFactors<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
): FactorScore[] {
  const out: FactorScore[] = [];
  for (const { factor, weight } of profile.factors) {
    const value: unknown = factor.score(ctx);
    if (value !== null && !isUnitValue(value)) {
      throw new FactorValueError(factor.name, value, ctx.subject.id, ctx.target.id);
    }
    out.push({ name: factor.name, value, weight, side: factor.side ?? 'both' });
  }
  return out;
}

/**
 * Full explanation of one pair, eligible or not: every rule's outcome, the exclusions with
 * their hints, factor values, contributions, effective weights and summary lines in the
 * context's locale. Its `score` equals {@link scorePair}'s.
 */
export function explainPair<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
): Explanation {
  const result = scorePair(profile, ctx, { exhaustive: true, ruleResults: true });
  const abstained = result.factorScores.filter((f) => f.value === null).map((f) => f.name);
  const weights = result.weights;
  const explanation: Explanation = {
    subjectId: ctx.subject.id,
    targetId: ctx.target.id,
    eligible: result.eligible,
    score: result.score,
    rules: result.rules ?? [],
    exclusions: result.exclusions,
    contributions: result.contributions,
    factors: result.factors,
    abstained,
    weights,
    evidence: factorEvidence(profile, ctx, result.eligible),
    summary: [],
    strategy: profile.strategy.name,
    profile: { name: profile.name, version: profile.version },
  };
  explanation.summary = summarize(profile, explanation, result, ctx.locale);
  return explanation;
}

function factorEvidence<S extends Identified, T extends Identified>(
  profile: Profile<S, T>,
  ctx: PairContext<S, T>,
  eligible: boolean,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!eligible) return out;
  for (const { factor } of profile.factors) {
    if (typeof factor.reasons !== 'function') continue;
    const lines = factor.reasons(ctx);
    if (lines.length > 0) out[factor.name] = lines;
  }
  return out;
}

/**
 * The weights a strategy's score really used: the ones it reports (every strategy made with
 * `defineStrategy` does), else — for custom strategies implementing only `combine` — each
 * factor's contribution per unit of value (0 for a factor that abstained or scored 0 with
 * nothing to divide by: then its share of the profile's weights over the factors that scored).
 */
export function usedWeights(
  combined: CombinedScore,
  factors: readonly FactorScore[],
): Record<string, number> {
  if (combined.weights) return combined.weights;
  let total = 0;
  for (const f of factors) if (f.value !== null) total += f.weight;
  const out: Record<string, number> = {};
  for (const f of factors) {
    const c = combined.contributions[f.name] ?? 0;
    out[f.name] =
      f.value === null ? 0 : f.value > 0 ? c / f.value : total > 0 ? f.weight / total : 0;
  }
  return out;
}

/** Whether some factor or rule of `profile` has `prepare` (reads the market before ranking). */
function needsPreparation<S, T>(profile: Profile<S, T>): boolean {
  return (
    profile.factors.some((f) => typeof f.factor.prepare === 'function') ||
    profile.rules.some((r) => typeof r.prepare === 'function')
  );
}

/**
 * The profile with each factor and rule that has `prepare` replaced by its bound version (same
 * name, same weight). Matchers and indexes call it once, at construction.
 *
 * @throws {@link ProfileError} when a prepared factor or rule changes its name.
 */
export function prepareProfile<S, T>(
  profile: Profile<S, T>,
  ctx: PrepareContext<S, T>,
): Profile<S, T> {
  if (!needsPreparation(profile)) return profile;
  const keepName = (kind: string, before: string, after: string) => {
    if (after !== before)
      throw new ProfileError(
        `${kind} "${before}" was prepared into a ${kind} named "${after}"; prepare must keep the name`,
      );
  };
  const factors = profile.factors.map(({ factor, weight }) => {
    if (typeof factor.prepare !== 'function') return { factor, weight };
    const bound = factor.prepare(ctx);
    keepName('factor', factor.name, bound.name);
    return { factor: bound, weight };
  });
  const rules = profile.rules.map((rule) => {
    if (typeof rule.prepare !== 'function') return rule;
    const bound = rule.prepare(ctx);
    keepName('rule', rule.name, bound.name);
    return bound;
  });
  return Object.freeze({
    ...profile,
    rules: Object.freeze(rules),
    factors: Object.freeze(factors),
  });
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  try {
    return `${typeof value} ${JSON.stringify(value)}`;
  } catch {
    return typeof value;
  }
}

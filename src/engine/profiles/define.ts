/**
 * Building and deriving profiles. A profile is validated once, at construction: duplicate
 * rule, factor or re-ranker names and invalid weights throw {@link ProfileError} there, never
 * in the middle of a ranking.
 *
 * @module
 */
import { ProfileError } from '../../errors.js';
import type {
  EligibilityRule,
  MarketKind,
  Profile,
  RankingStrategy,
  Reranker,
  WeightedFactor,
} from '../types.js';

/** What {@link defineProfile} takes. */
export interface ProfileDefinition<S, T> {
  /** Profile name, e.g. `enterpriseProduct`. */
  name: string;
  /** Semantic version of the configuration, e.g. `1.0.0`; bump it when weights change. */
  version: string;
  market: MarketKind;
  rules: readonly EligibilityRule<S, T>[];
  factors: readonly WeightedFactor<S, T>[];
  strategy: RankingStrategy;
  /** Applied in order after scoring. Default none. */
  rerankers?: readonly Reranker[];
}

/** What {@link extendProfile} changes; everything is optional. */
export interface ProfileExtension<S, T> {
  name?: string;
  version?: string;
  /** New weights by factor name (after `dropFactors` and `addFactors`). */
  weights?: Readonly<Record<string, number>>;
  addRules?: readonly EligibilityRule<S, T>[];
  /** Names of rules to remove. */
  dropRules?: readonly string[];
  addFactors?: readonly WeightedFactor<S, T>[];
  /** Names of factors to remove. */
  dropFactors?: readonly string[];
  strategy?: RankingStrategy;
  /** Replaces the base's re-rankers. */
  rerankers?: readonly Reranker[];
}

const MARKETS: readonly MarketKind[] = ['enterpriseProduct', 'projectInvestor'];

/**
 * Validates and freezes a profile.
 *
 * @throws {@link ProfileError} on an empty name or version, an unknown market, duplicate rule,
 * factor or re-ranker names, a rule/factor/strategy without its method, a weight that is not a
 * finite number ≥ 0, or no factor with a positive weight.
 */
export function defineProfile<S, T>(definition: ProfileDefinition<S, T>): Profile<S, T> {
  const { name, version, market, rules, factors, strategy } = definition;
  const rerankers = definition.rerankers ?? [];
  if (typeof name !== 'string' || name.length === 0)
    throw new ProfileError('a profile needs a non-empty name');
  if (typeof version !== 'string' || version.length === 0) {
    throw new ProfileError(`profile "${name}" needs a non-empty version`);
  }
  if (!MARKETS.includes(market)) {
    throw new ProfileError(
      `profile "${name}": market must be one of ${MARKETS.join(', ')}, received ${String(market)}`,
    );
  }
  const where = `profile "${name}"`;
  assertUnique(
    where,
    'rule',
    rules.map((r) => r.name),
  );
  assertUnique(
    where,
    'factor',
    factors.map((f) => f.factor.name),
  );
  assertUnique(
    where,
    're-ranker',
    rerankers.map((r) => r.name),
  );
  for (const r of rules) {
    if (typeof r.check !== 'function')
      throw new ProfileError(`${where}: rule "${r.name}" has no check method`);
  }
  let positive = false;
  for (const { factor, weight } of factors) {
    if (typeof factor.score !== 'function') {
      throw new ProfileError(`${where}: factor "${factor.name}" has no score method`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ProfileError(
        `${where}: factor "${factor.name}" has weight ${String(weight)}; weights must be finite numbers ≥ 0`,
      );
    }
    if (weight > 0) positive = true;
  }
  if (!positive) throw new ProfileError(`${where}: at least one factor needs a positive weight`);
  if (!strategy || typeof strategy.combine !== 'function') {
    throw new ProfileError(`${where}: the strategy has no combine method`);
  }
  for (const r of rerankers) {
    if (typeof r.rerank !== 'function')
      throw new ProfileError(`${where}: re-ranker "${r.name}" has no rerank method`);
  }
  return Object.freeze({
    name,
    version,
    market,
    rules: Object.freeze([...rules]),
    factors: Object.freeze(
      factors.map((f) => Object.freeze({ factor: f.factor, weight: f.weight })),
    ),
    strategy,
    rerankers: Object.freeze([...rerankers]),
  });
}

/**
 * A new profile derived from `base`: drops, then adds, then re-weights; keeps the base's
 * name and version unless given. The result is validated like {@link defineProfile}.
 *
 * @throws {@link ProfileError} when `weights`, `dropRules` or `dropFactors` name something the
 * profile does not have, or the result is invalid.
 *
 * @example
 * extendProfile(enterpriseProductProfile(), { name: 'creditFirst', weights: { collateralFit: 0.3 } })
 */
export function extendProfile<S, T>(
  base: Profile<S, T>,
  extension: ProfileExtension<S, T>,
): Profile<S, T> {
  const where = `extendProfile("${base.name}")`;
  const ruleNames = new Set(base.rules.map((r) => r.name));
  for (const n of extension.dropRules ?? []) {
    if (!ruleNames.has(n))
      throw new ProfileError(
        `${where}: cannot drop unknown rule "${n}"; rules are ${[...ruleNames].join(', ')}`,
      );
  }
  const factorNames = new Set(base.factors.map((f) => f.factor.name));
  for (const n of extension.dropFactors ?? []) {
    if (!factorNames.has(n)) {
      throw new ProfileError(
        `${where}: cannot drop unknown factor "${n}"; factors are ${[...factorNames].join(', ')}`,
      );
    }
  }
  const dropRules = new Set(extension.dropRules ?? []);
  const dropFactors = new Set(extension.dropFactors ?? []);
  const rules = [
    ...base.rules.filter((r) => !dropRules.has(r.name)),
    ...(extension.addRules ?? []),
  ];
  let factors = [
    ...base.factors.filter((f) => !dropFactors.has(f.factor.name)),
    ...(extension.addFactors ?? []),
  ];
  const weights = extension.weights ?? {};
  const present = new Set(factors.map((f) => f.factor.name));
  for (const n of Object.keys(weights)) {
    if (!present.has(n)) {
      throw new ProfileError(
        `${where}: weight given for unknown factor "${n}"; factors are ${[...present].join(', ')}`,
      );
    }
  }
  factors = factors.map((f) =>
    Object.prototype.hasOwnProperty.call(weights, f.factor.name)
      ? { factor: f.factor, weight: weights[f.factor.name]! }
      : f,
  );
  return defineProfile({
    name: extension.name ?? base.name,
    version: extension.version ?? base.version,
    market: base.market,
    rules,
    factors,
    strategy: extension.strategy ?? base.strategy,
    rerankers: extension.rerankers ?? base.rerankers,
  });
}

function assertUnique(where: string, kind: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== 'string' || n.length === 0)
      throw new ProfileError(`${where}: every ${kind} needs a non-empty name`);
    if (seen.has(n)) throw new ProfileError(`${where}: duplicate ${kind} name "${n}"`);
    seen.add(n);
  }
}

/**
 * Profile specs: a profile as plain, serialisable data (base profile name and version,
 * weights, dropped built-in parts, strategy name and options), so a profile can cross a
 * worker-thread or snapshot boundary and be rebuilt identically on the other side.
 *
 * Only built-in parts can be described: a profile holding a custom, user-written rule,
 * factor, strategy or re-ranker cannot be turned into a spec ({@link profileToSpec} throws);
 * callers that need one must rebuild it on load themselves (e.g. `extendProfile` on the
 * profile returned by {@link profileFromSpec}).
 *
 * @module
 */
import { ProfileError } from '../../errors.js';
import { columnarStrategyOf } from '../../fast/plan.js';
import { reciprocalStrategy } from '../strategies/reciprocal.js';
import { weightedSumStrategy } from '../strategies/weighted-sum.js';
import type { ColumnarStrategy, Profile } from '../types.js';
import { extendProfile } from './define.js';
import { enterpriseProductProfile } from './enterprise-product.js';
import { projectInvestorProfile } from './project-investor.js';

/** A profile as data. */
export interface ProfileSpec {
  /** The shipped profile it derives from. */
  base: 'enterpriseProduct' | 'projectInvestor';
  /** Version of the shipped base profile the spec was written against. */
  baseVersion: string;
  name: string;
  version: string;
  /** Every factor's weight, by name. */
  weights: Record<string, number>;
  /** Built-in rules of the base that are left out. */
  dropRules: string[];
  /** Built-in factors of the base that are left out. */
  dropFactors: string[];
  /** The strategy (a shipped one) and its options. */
  strategy: ColumnarStrategy;
}

const BASES = {
  enterpriseProduct: enterpriseProductProfile,
  projectInvestor: projectInvestorProfile,
} as const;

/**
 * The spec of `profile`.
 *
 * @throws {@link ProfileError} when the profile has a rule or factor its base does not ship,
 * re-rankers, or a strategy other than the shipped weighted-sum or reciprocal ones.
 */
export function profileToSpec<S, T>(profile: Profile<S, T>): ProfileSpec {
  const base = profile.market;
  const shipped = BASES[base]() as unknown as Profile<S, T>;
  const baseRules = new Set(shipped.rules.map((r) => r.name));
  const baseFactors = new Set(shipped.factors.map((f) => f.factor.name));
  const custom = [
    ...profile.rules.filter((r) => !baseRules.has(r.name)).map((r) => `rule "${r.name}"`),
    ...profile.factors
      .filter((f) => !baseFactors.has(f.factor.name))
      .map((f) => `factor "${f.factor.name}"`),
  ];
  if (custom.length > 0 || profile.rerankers.length > 0) {
    throw new ProfileError(
      `profile "${profile.name}" holds custom parts (${[...custom, ...profile.rerankers.map((r) => `re-ranker "${r.name}"`)].join(', ')}), which cannot cross a thread or snapshot boundary; register them on load`,
    );
  }
  const strategy = columnarStrategyOf(profile.strategy);
  if (!strategy) {
    throw new ProfileError(
      `profile "${profile.name}": strategy "${profile.strategy.name}" cannot be described as data`,
    );
  }
  const ruleNames = new Set(profile.rules.map((r) => r.name));
  const factorNames = new Set(profile.factors.map((f) => f.factor.name));
  return {
    base,
    baseVersion: shipped.version,
    name: profile.name,
    version: profile.version,
    weights: Object.fromEntries(profile.factors.map((f) => [f.factor.name, f.weight])),
    dropRules: [...baseRules].filter((n) => !ruleNames.has(n)),
    dropFactors: [...baseFactors].filter((n) => !factorNames.has(n)),
    strategy,
  };
}

/**
 * Rebuilds the profile a spec describes.
 *
 * @throws {@link ProfileError} on an unknown base, a base version other than the shipped one,
 * or an invalid spec.
 */
export function profileFromSpec(spec: ProfileSpec): Profile<unknown, unknown> {
  const make = BASES[spec.base] as (() => Profile<unknown, unknown>) | undefined;
  if (!make) throw new ProfileError(`unknown base profile ${JSON.stringify(spec.base)}`);
  const base = make();
  if (base.version !== spec.baseVersion) {
    throw new ProfileError(
      `profile spec written against ${spec.base} ${spec.baseVersion}; this build ships ${base.version}`,
    );
  }
  const s = spec.strategy;
  const strategy =
    s.kind === 'weightedSum'
      ? weightedSumStrategy({ redistributeAbstained: s.redistributeAbstained })
      : reciprocalStrategy({ mean: s.mean });
  return extendProfile(base, {
    name: spec.name,
    version: spec.version,
    dropRules: spec.dropRules,
    dropFactors: spec.dropFactors,
    weights: spec.weights,
    strategy,
  });
}

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
import type { ColumnarStrategy, Factor, Profile, RankingStrategy } from '../types.js';
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
  /** The strategy (a shipped one) and its options, or a learned linear model. */
  strategy: ColumnarStrategy | LearnedStrategySpec;
  /**
   * Factors the base does not ship (e.g. `text`, `collaborative`), by name. Their weights are
   * in `weights`; on load each must be supplied through {@link SpecParts.factors}.
   */
  extraFactors?: string[];
}

/** A learned strategy as data: the saved linear model (see `finmatch/eval`'s `saveLinearModel`). */
export interface LearnedStrategySpec {
  kind: 'learned';
  model: unknown;
}

/** Parts a spec names but cannot carry: factories of extra factors, and the learned-strategy loader. */
export interface SpecParts {
  /** Factory per extra factor name, e.g. `{ text: () => textFactor(), collaborative: () => collaborativeFactor() }`. */
  factors?: Readonly<Record<string, () => Factor<never, never>>>;
  /** Builds the learned strategy from a model (pass `(m) => learnedStrategy(loadLinearModel(m))` from finmatch/eval). */
  learned?: (model: unknown) => RankingStrategy;
}

/** Strategies that carry their own spec (the learned one): `spec` is what {@link profileToSpec} writes. */
export interface SpecifiedStrategy extends RankingStrategy {
  readonly spec?: LearnedStrategySpec;
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
  const custom = profile.rules.filter((r) => !baseRules.has(r.name)).map((r) => `rule "${r.name}"`);
  const extraFactors = profile.factors
    .filter((f) => !baseFactors.has(f.factor.name))
    .map((f) => f.factor.name);
  if (custom.length > 0 || profile.rerankers.length > 0) {
    throw new ProfileError(
      `profile "${profile.name}" holds custom parts (${[...custom, ...profile.rerankers.map((r) => `re-ranker "${r.name}"`)].join(', ')}), which cannot cross a thread or snapshot boundary; register them on load`,
    );
  }
  const strategy =
    (profile.strategy as SpecifiedStrategy).spec ?? columnarStrategyOf(profile.strategy);
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
    ...(extraFactors.length > 0 ? { extraFactors } : {}),
  };
}

/**
 * Rebuilds the profile a spec describes.
 *
 * @throws {@link ProfileError} on an unknown base, a base version other than the shipped one,
 * or an invalid spec.
 */
export function profileFromSpec(
  spec: ProfileSpec,
  parts: SpecParts = {},
): Profile<unknown, unknown> {
  const make = BASES[spec.base] as (() => Profile<unknown, unknown>) | undefined;
  if (!make) throw new ProfileError(`unknown base profile ${JSON.stringify(spec.base)}`);
  const base = make();
  if (base.version !== spec.baseVersion) {
    throw new ProfileError(
      `profile spec written against ${spec.base} ${spec.baseVersion}; this build ships ${base.version}`,
    );
  }
  const s = spec.strategy;
  let strategy: RankingStrategy;
  if (s.kind === 'learned') {
    if (!parts.learned)
      throw new ProfileError(
        'profile spec uses a learned strategy; pass parts.learned (e.g. from finmatch/eval) to load it',
      );
    strategy = parts.learned(s.model);
  } else if (s.kind === 'weightedSum') {
    strategy = weightedSumStrategy({ redistributeAbstained: s.redistributeAbstained });
  } else if (s.kind === 'reciprocal') {
    strategy = reciprocalStrategy({ mean: s.mean });
  } else {
    throw new ProfileError(
      `unknown strategy kind ${JSON.stringify((s as { kind?: unknown }).kind)}`,
    );
  }
  const addFactors = (spec.extraFactors ?? []).map((name) => {
    const make = parts.factors?.[name];
    if (!make)
      throw new ProfileError(
        `profile spec names factor "${name}", which is not built in; supply it through parts.factors`,
      );
    const factor = make() as Factor<unknown, unknown>;
    if (factor.name !== name)
      throw new ProfileError(`parts.factors.${name} made a factor named "${factor.name}"`);
    return { factor, weight: 1 };
  });
  return extendProfile(base, {
    addFactors,
    name: spec.name,
    version: spec.version,
    dropRules: spec.dropRules,
    dropFactors: spec.dropFactors,
    weights: spec.weights,
    strategy,
  });
}

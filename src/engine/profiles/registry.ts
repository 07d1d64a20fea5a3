/**
 * Every part finmatch ships, by registry kind: what {@link profileFromSpec} rebuilds a spec
 * from. Rules and factors are per market (both markets have a `sector` rule); strategies and
 * re-rankers are shared. A factory is called with the spec's options and a resolver for the
 * parts nested in them (a soft rule wraps a rule spec).
 *
 * Adding a shipped part: its file sets `spec` (see `partSpec`) and one line here (rules and
 * factors of src/engine are listed once, in their folders' `SHIPPED_RULES` / `SHIPPED_FACTORS`).
 *
 * @module
 */
import { collaborativeFactor } from '../../collab/factor.js';
import { ProfileError } from '../../errors.js';
import { learnedStrategy, loadLinearModel } from '../../learn/learned-strategy.js';
import { softRuleFactor, softWithHistory } from '../../learn/factors/soft-rule.js';
import { repeatPartnerFactor } from '../../learn/factors/repeat-partner.js';
import { targetProfileFactor } from '../../learn/factors/target-profile.js';
import { volumePriorFactor } from '../../learn/factors/volume-prior.js';
import { textFactor } from '../../text/factor.js';
import { SHIPPED_FACTORS } from '../factors/index.js';
import { exposureQuotaReranker } from '../rerank/exposure-quota.js';
import { mmrReranker } from '../rerank/mmr.js';
import { SHIPPED_RULES } from '../rules/index.js';
import { lexicographicStrategy } from '../strategies/lexicographic.js';
import { reciprocalStrategy } from '../strategies/reciprocal.js';
import { weightedSumStrategy } from '../strategies/weighted-sum.js';
import type {
  EligibilityRule,
  Factor,
  MarketKind,
  PartSpec,
  RankingStrategy,
  Reranker,
} from '../types.js';

/** Options as a spec holds them. */
type Options = Readonly<Record<string, unknown>> | undefined;

/** Rebuilds the rule a nested spec describes (for parts that wrap a rule). */
export interface PartResolver {
  rule(spec: unknown, path: string): EligibilityRule<unknown, unknown>;
}

/** A registry entry: builds a part from its spec's options. */
export type PartBuilder<P> = (options: Options, resolve: PartResolver, path: string) => P;

/** The parts of one market. */
export interface MarketParts {
  rules: Readonly<Record<string, PartBuilder<EligibilityRule<unknown, unknown>>>>;
  factors: Readonly<Record<string, PartBuilder<Factor<unknown, unknown>>>>;
}

/** Every shipped part by kind. */
export interface PartRegistry {
  markets: Readonly<Record<MarketKind, MarketParts>>;
  strategies: Readonly<Record<string, PartBuilder<RankingStrategy>>>;
  rerankers: Readonly<Record<string, PartBuilder<Reranker>>>;
}

const plain =
  <P>(make: (options?: never) => P): PartBuilder<P> =>
  (options) =>
    options === undefined ? make() : make(options as never);

/** The options of a wrapping part without its nested `rule`, and the rule built from it. */
function unwrap(options: Options, resolve: PartResolver, path: string) {
  const { rule, ...rest } = (options ?? {}) as Record<string, unknown>;
  if (rule === undefined)
    throw new ProfileError(`${path}.options.rule: a soft rule spec must name the rule it wraps`);
  return { rule: resolve.rule(rule, `${path}.options.rule`), rest };
}

function marketParts(market: MarketKind): MarketParts {
  const rules: Record<string, PartBuilder<EligibilityRule<unknown, unknown>>> = {};
  for (const [kind, make] of Object.entries(SHIPPED_RULES[market]))
    rules[kind] = plain(make as (o?: never) => EligibilityRule<unknown, unknown>);
  rules.softWithHistory = (options, resolve, path) => {
    const { rule, rest } = unwrap(options, resolve, path);
    return softWithHistory(rule as EligibilityRule<{ id: string }, { id: string }>, rest)
      .rule as EligibilityRule<unknown, unknown>;
  };
  const factors: Record<string, PartBuilder<Factor<unknown, unknown>>> = {};
  for (const [kind, make] of Object.entries(SHIPPED_FACTORS[market]))
    factors[kind] = plain(make as (o?: never) => Factor<unknown, unknown>);
  const learned = {
    targetProfile: targetProfileFactor,
    volumePrior: volumePriorFactor,
    repeatPartner: repeatPartnerFactor,
    text: textFactor,
    collaborative: collaborativeFactor,
  };
  for (const [kind, make] of Object.entries(learned))
    factors[kind] = plain(make as unknown as (o?: never) => Factor<unknown, unknown>);
  factors.softRule = (options, resolve, path) => {
    const { rule, rest } = unwrap(options, resolve, path);
    return softRuleFactor(
      rule as EligibilityRule<{ id: string }, { id: string }>,
      rest,
    ) as unknown as Factor<unknown, unknown>;
  };
  factors.softWithHistory = (options, resolve, path) => {
    const { rule, rest } = unwrap(options, resolve, path);
    return softWithHistory(rule as EligibilityRule<{ id: string }, { id: string }>, rest)
      .factor as Factor<unknown, unknown>;
  };
  return { rules: Object.freeze(rules), factors: Object.freeze(factors) };
}

/** The parts finmatch ships. Frozen. */
export const SHIPPED_PARTS: PartRegistry = Object.freeze({
  markets: Object.freeze({
    enterpriseProduct: marketParts('enterpriseProduct'),
    projectInvestor: marketParts('projectInvestor'),
  }),
  strategies: Object.freeze({
    weightedSum: plain(weightedSumStrategy),
    reciprocal: plain(reciprocalStrategy),
    lexicographic: plain(lexicographicStrategy as unknown as (o?: never) => RankingStrategy),
    learned: (options: Options, _resolve: PartResolver, path: string) => {
      const model = (options ?? {}).model;
      try {
        return learnedStrategy(loadLinearModel(model));
      } catch (err) {
        throw new ProfileError(`${path}.options.model: ${(err as Error).message}`);
      }
    },
  }),
  rerankers: Object.freeze({
    mmr: plain(mmrReranker),
    exposureQuota: plain(exposureQuotaReranker as unknown as (o?: never) => Reranker),
  }),
});

/** Whether `value` looks like a {@link PartSpec}. */
export function isPartSpec(value: unknown): value is PartSpec {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

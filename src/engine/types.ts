/**
 * The contracts of the matching pipeline:
 * validate → eligibility rules → factor scores → ranking strategy → re-rank → explanation.
 *
 * Every rule, factor, strategy and re-ranker is a plain object with a `name` and one method
 * taking a single context object, made by a small named factory (one file each). A
 * {@link Profile} is a named, versioned set of them.
 *
 * Terms: the **subject** is who seeks money (an enterprise or an S&T project); the **target**
 * is what is ranked for it (a financial product or an investor). Prospecting reverses the
 * direction of the search but not these roles.
 *
 * @module
 */
import type { LocalizedText, Locale } from '../i18n/locale.js';
import type {
  Enterprise,
  FinancialProduct,
  IndustrialChain,
  Institution,
  Interaction,
  Investor,
  Project,
  SpecialZone,
} from '../model/types.js';

/** The two markets finmatch matches. */
export type MarketKind = 'enterpriseProduct' | 'projectInvestor';

/** Reference data shared by every pair: chains, zones, institutions (all optional). */
export interface MarketReference {
  chains?: ReadonlyMap<string, IndustrialChain>;
  zones?: ReadonlyMap<string, SpecialZone>;
  institutions?: ReadonlyMap<string, Institution>;
}

/** What every rule and factor is given for one subject–target pair. */
export interface PairContext<S, T> {
  subject: S;
  target: T;
  /** Evaluation date (YYYY-MM-DD): SRDI rule set in force, certificate validity, years operating. */
  asOf: string;
  /** Language of messages and hints. */
  locale: Locale;
  /** Reference data. */
  reference: MarketReference;
}

/** A pair context without its subject: what a hook deciding from the target alone sees. */
export type TargetContext<T> = Omit<PairContext<unknown, T>, 'subject'>;

/** Enterprise–product pair context. */
export type EnterpriseProductContext = PairContext<Enterprise, FinancialProduct>;
/** Project–investor pair context. */
export type ProjectInvestorContext = PairContext<Project, Investor>;

/**
 * Why a target is ineligible for a subject, for a bank officer: what the rule checks, what the
 * subject has, what is required, and what would make the pair eligible.
 */
export interface ExclusionReason {
  /** The rule's name, e.g. `amountRange`. */
  rule: string;
  /** What failed, in the requested locale. */
  message: string;
  /** What the subject has (a number, a code, a list). */
  actual: string | number | boolean | readonly string[] | null;
  /** What the target requires. */
  required: string | number | boolean | readonly string[] | null;
  /** What would make it pass: "eligible if the amount is at most 5,000,000 yuan". */
  hint: string;
  /**
   * The change that would make this rule pass, as a key shared by every pair needing the same
   * change, so near misses can be counted by change ("renew the SRDI certificate: 14
   * products"). Absent when the subject cannot change what failed (its region, its sector).
   */
  change?: RuleChange;
}

/**
 * One change a subject could make so that a failing rule passes, named by the rule itself
 * (from the same description that gives the failure's hint). Pairs failing a rule for the
 * same reason share a `key`; `label` names the change without pair-specific numbers.
 */
export interface RuleChange {
  /** Stable key, `rule:what` (e.g. `srdiTier:renew`, `amountRange:lower`, `collateral:guarantee`). */
  key: string;
  /** The change in the requested locale: "renew (复核) the SRDI certificate". */
  label: string;
  /**
   * Keys of the weaker changes this one also achieves for the same subject: obtaining the
   * `littleGiant` tier also meets a `srdi` minimum (`srdiTier:littleGiant` covers
   * `srdiTier:srdi`), so near misses count what a change really unlocks.
   */
  covers?: string[];
}

/**
 * Outcome of one rule for one pair. A passing outcome may carry what was checked (`actual`,
 * `required`) so explanations can show it. A rule that does not apply to the pair (the target
 * requires nothing it checks: a product that is not a renewal product, one serving every
 * region) does not exclude it, so it is `passed: true` too, with `notApplicable` saying why
 * in the pair's locale; explanations then report it as not applicable, never as a pass.
 */
export type RuleOutcome =
  | {
      passed: true;
      actual?: ExclusionReason['actual'];
      required?: ExclusionReason['required'];
      /** Present when the rule does not apply to the pair: why ("不适用：该产品不是续贷产品"). */
      notApplicable?: string;
    }
  | { passed: false; reason: ExclusionReason };

/**
 * The three states of a rule for one pair: `pass` (it applied and the pair meets it), `fail`
 * (it excludes the pair), `not-applicable` (the target requires nothing it checks; it does not
 * exclude the pair, and nothing was checked).
 */
export type RuleOutcomeState = 'pass' | 'fail' | 'not-applicable';

/**
 * What a subject key or kernel column is computed with: the evaluation date and reference
 * data, fixed for an index or matcher. See {@link SubjectKey}.
 */
export interface KeyEnv {
  asOf: string;
  reference: MarketReference;
}

/**
 * The value of a {@link SubjectKey}: a string, or a number (a quantity read as it is, such as
 * the founding year, or a list of vocabulary members coded as digits, see
 * `src/engine/rules/key-code.ts`). Values are compared as `Map` keys (SameValueZero): a string
 * and a number are never the same key, −0 and 0 are one key, and so are all NaNs — a number key
 * is valid only for a part that treats those alike.
 */
export type SubjectKeyValue = string | number;

/**
 * Fast-path hook: a function of the subject alone such that, **for any fixed target**, the
 * outcome of the rule or factor declaring it depends on the subject only through the returned
 * value. The columnar index dictionary-encodes subjects per key and evaluates the real rule
 * or factor once per distinct key on a representative subject, so the fast path stays exact
 * by construction. Share one function object between parts with the same key (e.g.
 * `sectorKey`) so the index encodes it once.
 *
 * A key may say which of the subject's top-level fields it is a function of (`fields`, see
 * {@link subjectKey}): the representative is then kept as those fields alone, a small object
 * rather than the whole record, which is what a sweep sends its other threads. The parts
 * declaring such a key must read nothing else of the subject (the contract suite checks the
 * shipped ones). A key without `fields` keeps the whole record.
 */
export type SubjectKey<S> = ((subject: S, env: KeyEnv) => SubjectKeyValue) & {
  /** The subject's top-level fields the key, and every part declaring it, reads. */
  readonly fields?: readonly string[];
};

/**
 * Fast-path hook for parts that depend on one continuous subject quantity (amount, term,
 * revenue): `column` extracts it, `compile` binds a target once and returns the function of
 * it. A factor's `score` (or a rule's `test`) must be implemented through the same kernel, so
 * both paths run identical arithmetic: `score(pair)` must equal
 * `compile(target)(column(subject))` exactly, since the fast path both ranks and reports a
 * kernel factor's value from the kernel. For rules the compiled function returns 1 (pass) or 0.
 */
export interface NumericKernel<S, T> {
  /** Identifies the column; kernels with the same `column` name share one encoded column. */
  readonly columnName: string;
  column(subject: S, env: KeyEnv): number;
  compile(target: T, env: KeyEnv): (x: number) => number;
  /**
   * A rule kernel's fast form, when its compiled function for `target` is 1 exactly on a closed
   * interval and 0 elsewhere (NaN included): that interval, `[min, max]` (an end may be
   * ±Infinity). The fast path then compares the column's values with it inline instead of
   * calling the compiled function once per subject or distinct value. It must agree with
   * `compile` for every number; the contract suite checks this for shipped rules. `undefined`
   * (or anything but an array of two numbers with `min ≤ max`): not of this form for this
   * target, `compile` is called. Declared but not a function: a `ProfileError`. The reference
   * path ignores it.
   */
  interval?(target: T, env: KeyEnv): readonly [min: number, max: number] | undefined;
}

/**
 * Fast-path hook beside a factor's `key`, for a factor whose value with one target is decided
 * by which of the target's tokens a subject holds — what the subject is a member of: a chain
 * with its role there, a zone. For every target `compile` answers, `score` must give every
 * subject exactly
 * - `otherwise` when it holds none of the tokens in `values`;
 * - else `Math.max(0, v₁, v₂, …)` over the values of the tokens it holds: their largest (the 0
 *   only makes a −0 count as 0, as a running maximum started at 0 does).
 *
 * The columnar index lists each key's tokens once (on the key's representative subject), and a
 * compiled target then fills its whole key table from its token values without calling
 * `score`, so prospecting bounds every candidate with its exact value. The fast path reports
 * these values in rankings, so they must equal `score` exactly; the contract suite checks
 * this for shipped factors. `compile` answering `undefined`, or values that are not numbers in
 * [0, 1] (`otherwise`: also `null`, abstains), leave the target's table to `score`. The
 * reference path ignores the hook.
 */
export interface TokenHook<S, T> {
  /** The tokens `subject` holds (a string or number each, compared as `Map` keys). */
  held(subject: S, env: KeyEnv): readonly SubjectKeyValue[];
  /** `target`'s {@link TokenValues}, or `undefined` when its values are not of this form. */
  compile(target: T, env: KeyEnv): TokenValues | undefined;
}

/** What one target gives a {@link TokenHook} factor's subjects. */
export interface TokenValues {
  /** By token the target serves: the value of a subject holding it, in [0, 1]. */
  readonly values: ReadonlyMap<SubjectKeyValue, number>;
  /** The value of a subject holding none of them, in [0, 1], or `null` (abstains). */
  readonly otherwise: FactorValue;
}

/**
 * Fast-path hook for embedding factors (text, collaborative): the factor's value is
 * `map(dot(subjectVector, targetVector))`, or `null` (abstain) when either vector is missing.
 * The factor's own `score` must compute exactly this (same summation order: i = 0..dim−1 in
 * float64 over the Float32 components).
 */
export interface VectorHook<S, T, V extends SubjectVector = Float32Array> {
  readonly dimension: number;
  /**
   * Dense, or sparse ({@link SparseVector}) when most components are zero (feature indicators,
   * a subject's few partners): the dot product is then summed over its nonzero components in
   * ascending index order, which adds exactly the same terms as the dense loop.
   */
  subjectVector(subject: S, env: KeyEnv): V | null;
  targetVector(target: T, env: KeyEnv): Float32Array | null;
  /** Maps the dot product to [0, 1]. */
  map(dot: number): number;
}

/** A vector's nonzero components: ascending `indices` and their `values`. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** A subject vector of a {@link VectorHook}: dense or sparse. */
export type SubjectVector = Float32Array | SparseVector;

/**
 * A shipped part as data: the registry `kind` of the factory that made it (its default name,
 * e.g. `amountFit`) and the options it was called with, as JSON. Every factory finmatch ships
 * sets `spec` on the part it returns, so a profile holding it can be written as a spec and
 * rebuilt identically (`profileToSpec` / `profileFromSpec`). A part without `spec` is custom
 * code: a spec names it, and it must be supplied by name on load.
 */
export interface PartSpec {
  readonly kind: string;
  /** The factory's options, JSON-serialisable (omitted when none were given). */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A hard constraint. Made by a factory such as `amountRangeRule()`. */
export interface EligibilityRule<S, T> {
  /** Unique within a profile. */
  readonly name: string;
  /** Short name for explanations ("融资金额" / "amount"); defaults to `name`. */
  readonly label?: LocalizedText;
  /** What the rule checks. */
  readonly description: LocalizedText;
  /** Checks one pair. Must not throw on valid records. */
  check(ctx: PairContext<S, T>): RuleOutcome;
  /**
   * Optional fast check: `check(ctx).passed` without building messages. Must agree with
   * `check` on every pair (the shipped rules implement `check` through `test`).
   */
  test?(ctx: PairContext<S, T>): boolean;
  /** Optional fast-path hook: see {@link SubjectKey}. */
  readonly key?: SubjectKey<S>;
  /** Optional fast-path hook for a rule on one continuous quantity: see {@link NumericKernel}. */
  readonly kernel?: NumericKernel<S, T>;
  /**
   * Optional fast-path hook beside `key` or `kernel`: the target's top-level fields the rule's
   * verdict depends on (besides the subject, `asOf` and the reference data), e.g.
   * `['amount']` for the amount-range rule. Two targets equal on these fields pass and fail
   * the same subjects, so the columnar index computes the rule once per key (or value) for all
   * the targets that agree on them — products made from one template share their tables — and
   * reuses it when it compiles the next such target; a catalogue (`rankProducts`, sweeps) tests
   * it once per key for each class of such targets. Omit it when the verdict may read
   * anything else (the target's id, name, text): the rule is then computed per target. Values
   * of the fields that are not plain JSON data (a Map, a Date, a class instance) also leave
   * the target to its own computation. The contract suite checks the shipped rules. A rule
   * made by spreading another (`{ ...amountRangeRule(), test }`) keeps its `targetFields`:
   * set or remove them when the new verdict reads other fields.
   */
  readonly targetFields?: readonly string[];
  /**
   * Optional: returns the rule bound to what the matcher knows (e.g. a rule that is soft once
   * outcome history exists passes every pair, its penalty scored by a factor). Called once
   * when a matcher or index is built; must keep the name.
   */
  prepare?(ctx: PrepareContext<S, T>): EligibilityRule<S, T>;
  /** Set by shipped factories: how to rebuild this rule from data. See {@link PartSpec}. */
  readonly spec?: PartSpec;
}

/**
 * Result of a factor for one pair: a value in [0, 1], or `null` when the factor abstains
 * (no information, e.g. the collaborative factor for an entity without history). An
 * abstaining factor's weight is redistributed over the others by the strategy.
 */
export type FactorValue = number | null;

/** Which side's preference a factor expresses (used by the reciprocal strategy). */
export type FactorSide = 'subject' | 'target' | 'both';

/** What {@link Factor.prepare} is given: the whole catalogue and, when known, the other side and the history. */
export interface PrepareContext<S, T> {
  targets: readonly T[];
  /**
   * Subjects known to the matcher: the indexed enterprises or projects of an index, or the
   * `subjects` option of a matcher (the records of the subjects named in `interactions`).
   */
  subjects?: readonly S[];
  interactions?: readonly Interaction[];
  reference: MarketReference;
  /** The matcher's evaluation date: history after it is ignored, decay is measured to it. */
  asOf?: string;
  /**
   * Records of targets named in `interactions` beyond `targets` (an index's `targets` option):
   * what learned factors need to know about the history's targets (their institution, type).
   */
  historyTargets?: readonly T[];
}

/** A soft fit in [0, 1]. Made by a factory such as `amountFitFactor()`. */
export interface Factor<S, T> {
  /** Unique within a profile. */
  readonly name: string;
  /** Short name for explanations ("金额契合度" / "amount fit"); defaults to `name`. */
  readonly label?: LocalizedText;
  /** What the factor measures. */
  readonly description: LocalizedText;
  /**
   * Whose preference it expresses: `subject` (does the target suit what the subject needs),
   * `target` (does the subject suit what the target looks for) or `both`. Default `both`.
   */
  readonly side?: FactorSide;
  /** Scores one pair; in [0, 1] or `null` to abstain. */
  score(ctx: PairContext<S, T>): FactorValue;
  /**
   * Optional: returns a factor bound to a corpus (text statistics, interaction model). Called
   * once when a matcher or index is built; must not mutate `this`.
   */
  prepare?(ctx: PrepareContext<S, T>): Factor<S, T>;
  /** Optional fast-path hook: see {@link SubjectKey}. */
  readonly key?: SubjectKey<S>;
  /**
   * Optional fast-path hook beside `key` (read only for factors with a `key`): the value every
   * subject gets with this target when it does not depend on the subject (a product aimed at
   * no chain or zone, one with no policy tags), else `undefined`. It must equal what `score`
   * returns for every subject with this target (`null`: abstains); the contract suite checks
   * this for shipped factors. The columnar path then calls `score` for no key with that target;
   * prospecting also keeps no table for the factor and bounds candidates with the exact value.
   * An answer that is neither `undefined`, `null` nor a number in [0, 1] is ignored (`score`
   * runs and reports it). The reference path ignores the hook.
   */
  uniformValue?(ctx: TargetContext<T>): FactorValue | undefined;
  /**
   * Optional fast-path hook beside `key` (read only for factors with a `key`): the factor's
   * value as the best of the target's tokens a subject holds. See {@link TokenHook}.
   */
  readonly tokens?: TokenHook<S, T>;
  /** Optional fast-path hook: see {@link NumericKernel}. */
  readonly kernel?: NumericKernel<S, T>;
  /** Optional fast-path hook for embedding factors: see {@link VectorHook}. */
  readonly vectors?: VectorHook<S, T, SubjectVector>;
  /**
   * Optional fast-path hook beside `key` or `kernel`: the target's top-level fields the
   * factor's value depends on (besides the subject, `asOf` and the reference data), e.g.
   * `['stages']` for stage fit. Two targets equal on these fields give every subject the same
   * value, so the columnar index computes the factor once per key (or value) for all the
   * targets that agree on them and reuses it when it compiles the next such target, and a
   * catalogue (`rankProducts`, sweeps) once per key for each class of such targets. Omit it
   * when the value may read anything else (the target's id or text, a learned model keyed by
   * the target): the factor is then computed per target. Values that are not plain JSON data
   * leave the target to its own computation. The contract suite checks the shipped factors. A
   * factor made by spreading another keeps its `targetFields`: set or remove them when the new
   * value reads other fields.
   */
  readonly targetFields?: readonly string[];
  /**
   * Optional: the evidence behind this pair's value, in `ctx.locale`, one line each (e.g. the
   * feature values that moved a learned factor: "this bank financed 412 manufacturing firms
   * in Jiangsu"). Called for explanations only, never while ranking.
   */
  reasons?(ctx: PairContext<S, T>): string[];
  /** Set by shipped factories: how to rebuild this factor from data. See {@link PartSpec}. */
  readonly spec?: PartSpec;
}

/** A factor with its weight in a profile. */
export interface WeightedFactor<S, T> {
  factor: Factor<S, T>;
  /** Non-negative, finite. */
  weight: number;
}

/** One factor's outcome for a pair, as a strategy sees it. */
export interface FactorScore {
  name: string;
  /** Value in [0, 1], or `null` if it abstained. */
  value: FactorValue;
  /** Weight in the profile. */
  weight: number;
  side: FactorSide;
}

/** What a strategy produces for one pair. */
export interface CombinedScore {
  /** The pair's score, in [0, 1]. */
  score: number;
  /** Each factor's share of the score; for additive strategies they sum to `score`. */
  contributions: Record<string, number>;
  /**
   * The weights the score really used, by factor: each factor's contribution is its weight
   * times its value (an abstaining factor's weight is 0). Strategies made with
   * `defineStrategy` always report them; explanations show these, never the profile's
   * nominal weights.
   */
  weights?: Record<string, number>;
  /**
   * Optional lexicographic sort key, compared element by element before `score` (higher
   * first). Used by tiered strategies.
   */
  sortKey?: readonly number[];
  /** For two-sided strategies: the subject's and the target's own scores. */
  sides?: { subject: number; target: number };
}

/** Context of {@link RankingStrategy.combine}. */
export interface CombineContext {
  factors: readonly FactorScore[];
  /**
   * Report the weights the score used (`CombinedScore.weights`; default `true`). Ranking loops
   * that show contributions but not weights pass `false` to skip building them; explanations
   * always ask for them.
   */
  weights?: boolean;
}

/**
 * Where a {@link StrategyKernel} writes a pair's explanation: per factor (profile order) its
 * contribution and the weight it used, and for tiered / two-sided strategies the sort key and
 * the side scores.
 */
export interface KernelOutput {
  readonly contributions: Float64Array;
  readonly weights: Float64Array;
  /** Length {@link StrategyKernel.sortKeyLength}. */
  readonly sortKey: Float64Array;
  /** [subject, target]. */
  readonly sides: Float64Array;
}

/**
 * A strategy's arithmetic bound to a profile's factors, written once over typed arrays: the
 * reference path's `combine` and the columnar loop both run it, so they cannot disagree.
 * Values are in profile order, NaN marking an abstaining factor; `sides` holds 0 (subject),
 * 1 (target) or 2 (both).
 */
export interface StrategyKernel {
  /**
   * The weights {@link StrategyKernel.score} is to be given, from the profile's (profile
   * order). Most strategies return them unchanged; the learned strategy returns its fitted
   * weights, so the profile's nominal weights are never what an explanation shows.
   */
  weights(nominal: Float64Array): Float64Array;
  /**
   * The score of one pair, in [0, 1]. With `out`, also writes the contributions and the
   * weights used (and the sort key and side scores when the strategy has them).
   */
  score(values: Float64Array, weights: Float64Array, sides: Uint8Array, out?: KernelOutput): number;
  /**
   * Optional batch form: the scores of `n` candidates whose values are stored factor-major
   * (`matrix[f * stride + i]`), written to `scores` — the same operations in the same order
   * as `score`, so every score is bit-identical (the contract suite checks it).
   */
  scoreMany?(
    matrix: Float64Array,
    stride: number,
    n: number,
    weights: Float64Array,
    sides: Uint8Array,
    scores: Float64Array,
  ): void;
  /** Entries of the sort key the strategy writes (tiered strategies); 0 when it has none. */
  readonly sortKeyLength: number;
  /** Whether the score has two sides (`out.sides` is written). */
  readonly twoSided: boolean;
  /**
   * Declared by additive strategies (score = Σ wᵢ·vᵢ / Σ wᵢ over the given weights): lets the
   * columnar prospect loop prune candidates with a score upper bound.
   */
  readonly additive?: { readonly redistributeAbstained: boolean };
}

/** Combines factor scores into one score. Made by a factory such as `weightedSumStrategy()`. */
export interface RankingStrategy {
  readonly name: string;
  readonly description: LocalizedText;
  /** Scores one pair from its factor scores. Derived from `compile` by `defineStrategy`. */
  combine(ctx: CombineContext): CombinedScore;
  /**
   * Binds the strategy to a profile's factor names (profile order) and returns its arithmetic
   * (see {@link StrategyKernel}). A strategy without it (custom code implementing only
   * `combine`) is called once per candidate on the fast path, and the plan says so.
   */
  compile?(factorNames: readonly string[]): StrategyKernel;
  /** Set by shipped factories: how to rebuild this strategy from data. See {@link PartSpec}. */
  readonly spec?: PartSpec;
}

/** A scored, eligible candidate before re-ranking. */
export interface ScoredCandidate {
  /** The target's id (product, investor) or, when prospecting, the subject's id. */
  id: string;
  score: number;
  contributions: Record<string, number>;
  factors: Record<string, FactorValue>;
  sortKey?: readonly number[];
  sides?: { subject: number; target: number };
  /** Group used by diversity/exposure re-rankers (the product's institution, instrument…). */
  group?: string;
  /** Feature vector used by diversity re-rankers (factor values in profile order). */
  features?: readonly number[];
}

/** Context of {@link Reranker.rerank}. */
export interface RerankContext {
  /** Candidates sorted best first (score desc, then id asc). */
  candidates: readonly ScoredCandidate[];
  /** How many to return. */
  k: number;
}

/** Re-orders or filters the top of a ranked list (MMR diversity, exposure quotas). */
export interface Reranker {
  readonly name: string;
  readonly description: LocalizedText;
  rerank(ctx: RerankContext): ScoredCandidate[];
  /** Set by shipped factories: how to rebuild this re-ranker from data. See {@link PartSpec}. */
  readonly spec?: PartSpec;
}

/** A named, versioned configuration of the pipeline for one market. */
export interface Profile<S, T> {
  readonly name: string;
  readonly version: string;
  readonly market: MarketKind;
  readonly rules: readonly EligibilityRule<S, T>[];
  readonly factors: readonly WeightedFactor<S, T>[];
  readonly strategy: RankingStrategy;
  readonly rerankers: readonly Reranker[];
}

/** How one part of a profile runs. */
export interface PartPlan {
  part: 'rule' | 'factor' | 'strategy' | 'reranker';
  name: string;
  /**
   * `key` / `kernel` / `vectors`: the part's fast-path hook; `kernel` for a strategy: its
   * compiled arithmetic; `perCandidate`: a strategy called once per candidate (no kernel);
   * `reference`: no hook — this part forces the reference path; `topOfList`: a re-ranker,
   * run on the best candidates after selection on either path.
   */
  runs: 'key' | 'kernel' | 'vectors' | 'perCandidate' | 'reference' | 'topOfList';
}

/** How a profile runs: which parts run columnar, and which force the reference path. */
export interface ProfilePlan {
  /** `columnar` when every rule and factor has a fast-path hook, else `reference`. */
  path: 'columnar' | 'reference';
  /** The parts without a hook that force the reference path (`factor "myFactor"`); empty when columnar. */
  forcedBy: string[];
  /** Every part, in profile order: rules, factors, the strategy, re-rankers. */
  parts: PartPlan[];
}

/** Enterprise–product profile. */
export type EnterpriseProductProfile = Profile<Enterprise, FinancialProduct>;
/** Project–investor profile. */
export type ProjectInvestorProfile = Profile<Project, Investor>;

/** Outcome of one rule, as reported in explanations. */
export interface RuleResult {
  rule: string;
  /** True when the rule does not exclude the pair: it passed or does not apply (see `outcome`). */
  passed: boolean;
  /**
   * Which of the three states: `pass`, `fail` or `not-applicable` (then `passed` is true and
   * `message` says why the rule does not apply).
   */
  outcome: RuleOutcomeState;
  /**
   * On a pass, what the rule checks; on a failure, what failed; when not applicable, why
   * ("不适用：该产品不是续贷产品" / "not applicable: the product is not a renewal product").
   */
  message: string;
  /** What would make a failing rule pass; empty otherwise. */
  hint: string;
  /** On a failure, the change that would make the rule pass (see {@link RuleChange}). */
  change?: RuleChange;
  actual?: ExclusionReason['actual'];
  required?: ExclusionReason['required'];
}

/** A full explanation of one pair. */
export interface Explanation {
  subjectId: string;
  targetId: string;
  eligible: boolean;
  /** The score when eligible, else 0. */
  score: number;
  /** Every rule's outcome (passed and failed). */
  rules: RuleResult[];
  /** Failed rules only, with hints. */
  exclusions: ExclusionReason[];
  /** Each factor's contribution to the score (sum = score for additive strategies). */
  contributions: Record<string, number>;
  /** Raw factor values; `null` marks an abstaining factor. */
  factors: Record<string, FactorValue>;
  /** Factors that abstained and had their weight redistributed. */
  abstained: string[];
  /** Effective weights after redistribution. */
  weights: Record<string, number>;
  /**
   * The evidence of factors that give it ({@link Factor.reasons}), by factor name, in the
   * requested locale: for learned factors, the past outcomes that moved the value.
   */
  evidence: Record<string, string[]>;
  /** Human-readable summary lines in the requested locale. */
  summary: string[];
  strategy: string;
  profile: { name: string; version: string };
}

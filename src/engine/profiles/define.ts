/**
 * Building and deriving profiles. A profile is validated once, at construction: duplicate
 * rule, factor or re-ranker names and invalid weights throw {@link ProfileError} there, never
 * in the middle of a ranking.
 *
 * @module
 */
import { FinmatchError, ProfileError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { didYouMean, readOptions } from '../../util/options.js';
import { isFieldList } from '../rules/subject-key.js';
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
 * Largest weight a factor may have: 1,000,000. Weights are relative (a weighted strategy
 * divides by their sum), so no profile needs more; the bound keeps the sum of weights and
 * every weighted term finite, where weights of 1e308 made every score 0 and the order fall
 * back to ids.
 */
export const MAX_FACTOR_WEIGHT = 1_000_000;

/** The keys a {@link ProfileDefinition} may have; any other key is an OptionError. */
const DEFINITION_KEYS = [
  'name',
  'version',
  'market',
  'rules',
  'factors',
  'strategy',
  'rerankers',
] as const;

/** The keys a {@link ProfileExtension} may have; any other key is an OptionError. */
const EXTENSION_KEYS = [
  'name',
  'version',
  'weights',
  'addRules',
  'dropRules',
  'addFactors',
  'dropFactors',
  'strategy',
  'rerankers',
] as const;

/**
 * Validates and freezes a profile.
 *
 * @throws {@link ProfileError} on an empty name or version, an unknown market, duplicate rule,
 * factor or re-ranker names, a rule/factor/strategy without its method, a weight that is not a
 * finite number in [0, {@link MAX_FACTOR_WEIGHT}], no factor with a positive weight, or parts
 * that cannot be read (a getter that throws); OptionError on an unknown key of the definition
 * (with a did-you-mean) or a definition that is not an object.
 */
export function defineProfile<S, T>(definition: ProfileDefinition<S, T>): Profile<S, T> {
  const d = readOptions(definition, DEFINITION_KEYS, 'definition');
  return guarded(`profile ${describeValue(d.name)}`, () => buildProfile<S, T>(d));
}

/** Runs `build`, turning anything but a finmatch error (a throwing getter) into a ProfileError. */
function guarded<R>(where: string, build: () => R): R {
  try {
    return build();
  } catch (error) {
    if (error instanceof FinmatchError) throw error;
    throw new ProfileError(`${where}: a part could not be read (reading it threw)`);
  }
}

function list<E>(where: string, what: string, value: unknown): readonly E[] {
  if (!Array.isArray(value))
    throw new ProfileError(`${where}: ${what} must be an array, received ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++)
    if (value[i] === null || typeof value[i] !== 'object')
      throw new ProfileError(
        `${where}: ${what}[${i}] must be an object, received ${describeValue(value[i])}`,
      );
  return value as readonly E[];
}

function buildProfile<S, T>(d: {
  readonly [K in (typeof DEFINITION_KEYS)[number]]?: unknown;
}): Profile<S, T> {
  const { name, version, market } = d;
  if (typeof name !== 'string' || name.length === 0)
    throw new ProfileError('a profile needs a non-empty name');
  if (typeof version !== 'string' || version.length === 0) {
    throw new ProfileError(`profile "${name}" needs a non-empty version`);
  }
  if (!MARKETS.includes(market as MarketKind)) {
    throw new ProfileError(
      `profile "${name}": market must be one of ${MARKETS.join(', ')}, received ${describeValue(market)}`,
    );
  }
  const where = `profile "${name}"`;
  const rules = list<EligibilityRule<S, T>>(where, 'rules', d.rules);
  const factors = list<WeightedFactor<S, T>>(where, 'factors', d.factors);
  const rerankers = list<Reranker>(where, 'rerankers', d.rerankers ?? []);
  const strategy = d.strategy as RankingStrategy;
  factors.forEach((f, i) => {
    if (f.factor === null || typeof f.factor !== 'object')
      throw new ProfileError(
        `${where}: factors[${i}].factor must be a factor, received ${describeValue(f.factor)}`,
      );
  });
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
  // Results key their contributions, factor values and weights by factor name: a factor of
  // this name would set those records' prototype instead of a value.
  if (factors.some((f) => f.factor.name === '__proto__'))
    throw new ProfileError(
      `${where}: a factor cannot be named "__proto__" (results key their records by factor name)`,
    );
  assertUnique(
    where,
    're-ranker',
    rerankers.map((r) => r.name),
  );
  for (const r of rules) {
    if (typeof r.check !== 'function')
      throw new ProfileError(`${where}: rule "${r.name}" has no check method`);
    checkKeyFields(where, `rule "${r.name}"`, r.key);
    checkTargetFields(where, `rule "${r.name}"`, r.targetFields);
    const interval: unknown = (r.kernel as { interval?: unknown } | undefined)?.interval;
    if (interval !== undefined && typeof interval !== 'function')
      throw new ProfileError(
        `${where}: rule "${r.name}" has a kernel interval that is not a function (received ${describeValue(interval)})`,
      );
  }
  let positive = false;
  for (const { factor, weight } of factors) {
    if (typeof factor.score !== 'function') {
      throw new ProfileError(`${where}: factor "${factor.name}" has no score method`);
    }
    checkKeyFields(where, `factor "${factor.name}"`, factor.key);
    checkTargetFields(where, `factor "${factor.name}"`, factor.targetFields);
    if (factor.uniformValue !== undefined && typeof factor.uniformValue !== 'function') {
      throw new ProfileError(
        `${where}: factor "${factor.name}" has a uniformValue that is not a function`,
      );
    }
    const tokens: unknown = factor.tokens;
    if (
      tokens !== undefined &&
      (typeof tokens !== 'object' ||
        tokens === null ||
        typeof (tokens as { held?: unknown }).held !== 'function' ||
        typeof (tokens as { compile?: unknown }).compile !== 'function')
    ) {
      throw new ProfileError(
        `${where}: factor "${factor.name}" has a tokens hook that is not { held, compile } functions (received ${describeValue(tokens)})`,
      );
    }
    if (
      typeof weight !== 'number' ||
      !Number.isFinite(weight) ||
      weight < 0 ||
      weight > MAX_FACTOR_WEIGHT
    ) {
      throw new ProfileError(
        `${where}: factor "${factor.name}" has weight ${describeValue(weight)}; weights must be finite numbers from 0 to ${MAX_FACTOR_WEIGHT}`,
      );
    }
    if (weight > 0) positive = true;
  }
  if (!positive) throw new ProfileError(`${where}: at least one factor needs a positive weight`);
  if (strategy === null || typeof strategy !== 'object' || typeof strategy.combine !== 'function') {
    throw new ProfileError(`${where}: the strategy has no combine method`);
  }
  for (const r of rerankers) {
    if (typeof r.rerank !== 'function')
      throw new ProfileError(`${where}: re-ranker "${r.name}" has no rerank method`);
  }
  return Object.freeze({
    name,
    version,
    market: market as MarketKind,
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
  const x = readOptions(extension, EXTENSION_KEYS, 'extension');
  return guarded('extendProfile', () => {
    if (base === null || typeof base !== 'object' || !Array.isArray(base.factors))
      throw new ProfileError(
        `extendProfile: base must be a profile, received ${describeValue(base)}`,
      );
    return extend(base, x);
  });
}

function names(where: string, what: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new ProfileError(
      `${where}: ${what} must be an array of names, received ${describeValue(value)}`,
    );
  return value as string[];
}

function suggest(name: string, known: Iterable<string>): string {
  const guess = didYouMean(name, [...known]);
  return guess !== undefined ? ` (did you mean "${guess}"?)` : '';
}

function extend<S, T>(
  base: Profile<S, T>,
  x: { readonly [K in (typeof EXTENSION_KEYS)[number]]?: unknown },
): Profile<S, T> {
  const where = `extendProfile("${base.name}")`;
  const ruleNames = new Set(base.rules.map((r) => r.name));
  const dropRuleNames = names(where, 'dropRules', x.dropRules);
  for (const n of dropRuleNames) {
    if (!ruleNames.has(n))
      throw new ProfileError(
        `${where}: cannot drop unknown rule "${n}"${suggest(n, ruleNames)}; rules are ${[...ruleNames].join(', ')}`,
      );
  }
  const factorNames = new Set(base.factors.map((f) => f.factor.name));
  const dropFactorNames = names(where, 'dropFactors', x.dropFactors);
  for (const n of dropFactorNames) {
    if (!factorNames.has(n)) {
      throw new ProfileError(
        `${where}: cannot drop unknown factor "${n}"${suggest(n, factorNames)}; factors are ${[...factorNames].join(', ')}`,
      );
    }
  }
  const dropRules = new Set(dropRuleNames);
  const dropFactors = new Set(dropFactorNames);
  const rules = [
    ...base.rules.filter((r) => !dropRules.has(r.name)),
    ...list<EligibilityRule<S, T>>(where, 'addRules', x.addRules ?? []),
  ];
  let factors = [
    ...base.factors.filter((f) => !dropFactors.has(f.factor.name)),
    ...list<WeightedFactor<S, T>>(where, 'addFactors', x.addFactors ?? []),
  ];
  const present = new Set(factors.map((f) => f.factor?.name));
  const weights = x.weights === undefined ? {} : readWeights(where, x.weights);
  for (const n of Object.keys(weights)) {
    if (!present.has(n)) {
      throw new ProfileError(
        `${where}: weight given for unknown factor "${n}"${suggest(
          n,
          [...present].filter((p): p is string => typeof p === 'string'),
        )}; factors are ${[...present].join(', ')}`,
      );
    }
  }
  factors = factors.map((f) =>
    Object.prototype.hasOwnProperty.call(weights, f.factor.name)
      ? { factor: f.factor, weight: weights[f.factor.name]! }
      : f,
  );
  return defineProfile({
    name: (x.name ?? base.name) as string,
    version: (x.version ?? base.version) as string,
    market: base.market,
    rules,
    factors,
    strategy: (x.strategy ?? base.strategy) as RankingStrategy,
    rerankers: (x.rerankers ?? base.rerankers) as readonly Reranker[],
  });
}

/** `weights`: a plain object of numbers by factor name (values checked by defineProfile). */
function readWeights(where: string, value: unknown): Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProfileError(
      `${where}: weights must be an object of numbers by factor name, received ${describeValue(value)}`,
    );
  const out = Object.create(null) as Record<string, number>;
  for (const [n, w] of Object.entries(value)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_FACTOR_WEIGHT)
      throw new ProfileError(
        `${where}: weights.${n} is ${describeValue(w)}; weights must be finite numbers from 0 to ${MAX_FACTOR_WEIGHT}`,
      );
    out[n] = w;
  }
  return out;
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

/**
 * A part's key declares its `fields` as an array of names, if at all: a representative is
 * kept as those fields alone, so a malformed list would make the fast path disagree with the
 * reference path.
 */
function checkTargetFields(where: string, part: string, fields: unknown): void {
  if (fields !== undefined && !isFieldList(fields))
    throw new ProfileError(
      `${where}: ${part} has targetFields that are not an array of field names (received ${describeValue(fields)})`,
    );
}

function checkKeyFields(where: string, part: string, key: unknown): void {
  const fields: unknown = (key as { fields?: unknown } | undefined)?.fields;
  if (fields !== undefined && !isFieldList(fields))
    throw new ProfileError(
      `${where}: ${part} has a key whose fields are not an array of field names (received ${describeValue(fields)})`,
    );
}

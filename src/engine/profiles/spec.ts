/**
 * Profile specs: a profile as plain, serialisable data — every rule, factor (with its weight),
 * the strategy and the re-rankers, each as its registry kind and options — so a profile
 * crosses a worker-thread, file or snapshot boundary and is rebuilt identically on the other
 * side. The same content always gives the same bytes ({@link specJson}).
 *
 * Every part finmatch ships describes itself (`PartSpec`); a part of custom code is written by
 * name only and must be supplied on load ({@link SpecParts}); loading names every part missing.
 *
 * @module
 */
import { ProfileError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { readOptions } from '../../util/options.js';
import { canonicalJson, contentHash, isJsonData } from '../../util/canonical.js';
import { assertProfile } from '../profile-shape.js';
import type {
  EligibilityRule,
  EnterpriseProductProfile,
  Factor,
  MarketKind,
  PartSpec,
  Profile,
  ProjectInvestorProfile,
  RankingStrategy,
  Reranker,
} from '../types.js';
import { defineProfile, extendProfile } from './define.js';
import { enterpriseProductProfile } from './enterprise-product.js';
import { projectInvestorProfile } from './project-investor.js';
import { isPartSpec, SHIPPED_PARTS, type PartResolver } from './registry.js';

/** Format name of a profile spec. */
export const PROFILE_SPEC_FORMAT = 'finmatch.profile';
/** Version of the profile spec format this build writes (it also reads version 1). */
export const PROFILE_SPEC_VERSION = 2;

/**
 * One part in a spec: its name and, for a shipped part, the registry kind and options it is
 * rebuilt from. Without `kind` the part is custom code, supplied by name on load.
 */
export interface PartRef {
  name: string;
  kind?: string;
  options?: Readonly<Record<string, unknown>>;
}

/** A profile as data (format version 2). */
export interface ProfileSpec {
  format: typeof PROFILE_SPEC_FORMAT;
  formatVersion: typeof PROFILE_SPEC_VERSION;
  market: MarketKind;
  name: string;
  version: string;
  rules: PartRef[];
  factors: (PartRef & { weight: number })[];
  strategy: PartRef;
  rerankers: PartRef[];
}

/** The profile of a market. */
export type MarketProfile<M extends MarketKind> = M extends 'enterpriseProduct'
  ? EnterpriseProductProfile
  : ProjectInvestorProfile;

/** A custom part given on load: the part, or a function making it. */
type Supplied<P> = P | (() => P);

/**
 * Custom code a spec names, by part name: what {@link profileFromSpec} cannot rebuild from
 * data. Shipped parts never need to be supplied.
 */
export interface SpecParts {
  rules?: Readonly<Record<string, Supplied<EligibilityRule<never, never>>>>;
  factors?: Readonly<Record<string, Supplied<Factor<never, never>>>>;
  strategies?: Readonly<Record<string, Supplied<RankingStrategy>>>;
  rerankers?: Readonly<Record<string, Supplied<Reranker>>>;
  /** Version-1 specs only: builds their learned strategy from a model. */
  learned?: (model: unknown) => RankingStrategy;
}

/** Options of {@link profileFromSpec}. */
export interface ProfileFromSpecOptions<M extends MarketKind = MarketKind> extends SpecParts {
  /** The market the profile must be for; a spec of the other market is a ProfileError. */
  market?: M;
}

function refOf(part: { name: string; spec?: PartSpec }): PartRef {
  return part.spec
    ? {
        name: part.name,
        kind: part.spec.kind,
        ...(part.spec.options ? { options: part.spec.options } : {}),
      }
    : { name: part.name };
}

/**
 * The spec of `profile`: every part as its kind and options, custom parts by name. Never
 * throws for a valid profile (one made by `defineProfile`).
 *
 * @throws {@link ProfileError} when `profile` is not a profile.
 */
export function profileToSpec<S, T>(profile: Profile<S, T>): ProfileSpec {
  assertProfile(profile, 'profileToSpec');
  return {
    format: PROFILE_SPEC_FORMAT,
    formatVersion: PROFILE_SPEC_VERSION,
    market: profile.market,
    name: profile.name,
    version: profile.version,
    rules: profile.rules.map(refOf),
    factors: profile.factors.map(({ factor, weight }) => ({ ...refOf(factor), weight })),
    strategy: refOf(profile.strategy),
    rerankers: profile.rerankers.map(refOf),
  };
}

/**
 * The spec as canonical JSON text (sorted keys, 2-space indent, final newline).
 *
 * @throws {@link ProfileError} when `spec` is not plain JSON data (a function, a BigInt…).
 */
export function specJson(spec: ProfileSpec): string {
  if (spec === null || typeof spec !== 'object' || !isJsonData(spec))
    throw new ProfileError(
      `specJson needs a profile spec (plain JSON data), received ${describeValue(spec)}`,
    );
  return `${canonicalJson(spec, 2)}\n`;
}

/** The content hash of a profile (`sha256:…` of its canonical spec). */
export function profileHash<S, T>(profile: Profile<S, T>): string {
  return contentHash(profileToSpec(profile));
}

/** The names of the custom parts of `profile` (parts without a spec): what loading needs supplied. */
export function customParts<S, T>(profile: Profile<S, T>): string[] {
  const spec = profileToSpec(profile);
  return [
    ...spec.rules.filter((r) => !r.kind).map((r) => `rule "${r.name}"`),
    ...spec.factors.filter((r) => !r.kind).map((r) => `factor "${r.name}"`),
    ...(spec.strategy.kind ? [] : [`strategy "${spec.strategy.name}"`]),
    ...spec.rerankers.filter((r) => !r.kind).map((r) => `re-ranker "${r.name}"`),
  ];
}

/**
 * Rebuilds the profile a spec describes (format 2, or a version-1 spec as `finmatch tune`
 * 0.1 wrote). Shipped parts are rebuilt from their kind and options; custom parts are taken
 * from `options` by name.
 *
 * @throws {@link ProfileError} naming the path of anything invalid (`factors[3].weight`), the
 * custom parts not supplied (all of them), or a market other than `options.market`.
 */
export function profileFromSpec<M extends MarketKind = MarketKind>(
  spec: unknown,
  options: ProfileFromSpecOptions<M> = {},
): MarketProfile<M> {
  readOptions(options, ['market', 'rules', 'factors', 'strategies', 'rerankers', 'learned']);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ProfileError('profile spec must be a JSON object');
  const record = spec as Record<string, unknown>;
  const profile =
    'base' in record && !('format' in record)
      ? fromLegacySpec(record as unknown as LegacySpec, options)
      : fromSpec(record, options);
  if (options.market !== undefined && profile.market !== options.market)
    throw new ProfileError(
      `profile spec "${profile.name}" is for the ${profile.market} market; ${options.market} was expected`,
    );
  return profile as unknown as MarketProfile<M>;
}

/** Fields of a part in a spec (a factor also has its weight). */
const PART_KEYS = ['name', 'kind', 'options'];
const PART_KEYS_WEIGHTED = [...PART_KEYS, 'weight'];

const SPEC_KEYS = [
  'format',
  'formatVersion',
  'market',
  'name',
  'version',
  'rules',
  'factors',
  'strategy',
  'rerankers',
];

function fromSpec(s: Record<string, unknown>, parts: SpecParts): Profile<unknown, unknown> {
  if (s.format !== PROFILE_SPEC_FORMAT)
    throw new ProfileError(
      `format: expected ${JSON.stringify(PROFILE_SPEC_FORMAT)}, received ${describeValue(s.format)}`,
    );
  if (s.formatVersion !== PROFILE_SPEC_VERSION)
    throw new ProfileError(
      `formatVersion: this build reads profile spec format ${PROFILE_SPEC_VERSION} (with "format": ${JSON.stringify(PROFILE_SPEC_FORMAT)}) and version-1 specs (with "base", no "format"), received formatVersion ${describeValue(s.formatVersion)}`,
    );
  for (const key of Object.keys(s))
    if (!SPEC_KEYS.includes(key))
      throw new ProfileError(`${key}: unknown field; expected ${SPEC_KEYS.join(', ')}`);
  const market = s.market;
  if (market !== 'enterpriseProduct' && market !== 'projectInvestor')
    throw new ProfileError(
      `market: expected "enterpriseProduct" or "projectInvestor", received ${describeValue(market)}`,
    );
  for (const key of ['name', 'version'] as const)
    if (typeof s[key] !== 'string' || s[key] === '')
      throw new ProfileError(
        `${key}: expected a non-empty string, received ${describeValue(s[key])}`,
      );
  const registry = SHIPPED_PARTS.markets[market];
  const missing: string[] = [];
  const resolver: PartResolver = {
    rule: (nested, path) => {
      if (!isPartSpec(nested))
        throw new ProfileError(`${path}: expected a part spec {kind, options?}`);
      return build('rule', { name: '', ...nested }, path, false);
    },
  };
  function build<P extends { name: string }>(
    what: 'rule' | 'factor' | 'strategy' | 're-ranker',
    ref: unknown,
    path: string,
    checkName = true,
  ): P {
    if (ref === null || typeof ref !== 'object' || Array.isArray(ref))
      throw new ProfileError(
        `${path}: expected {name, kind?, options?}, received ${describeValue(ref)}`,
      );
    const allowed = what === 'factor' && checkName ? PART_KEYS_WEIGHTED : PART_KEYS;
    for (const key of Object.keys(ref))
      if (!allowed.includes(key))
        throw new ProfileError(
          `${path}.${key}: unknown field of a ${what}; expected ${allowed.join(', ')}`,
        );
    const { name, kind, options } = ref as Record<string, unknown>;
    if (checkName && (typeof name !== 'string' || name === ''))
      throw new ProfileError(
        `${path}.name: expected a non-empty string, received ${describeValue(name)}`,
      );
    if (
      options !== undefined &&
      (options === null || typeof options !== 'object' || Array.isArray(options))
    )
      throw new ProfileError(
        `${path}.options: expected an object, received ${describeValue(options)}`,
      );
    if (kind === undefined) {
      const supplied = suppliedPart<P>(what, name as string, parts);
      if (!supplied) {
        missing.push(`${what} "${String(name)}"`);
        return undefined as unknown as P;
      }
      return supplied;
    }
    if (typeof kind !== 'string')
      throw new ProfileError(`${path}.kind: expected a string, received ${describeValue(kind)}`);
    const table: Readonly<Record<string, unknown>> =
      what === 'rule'
        ? registry.rules
        : what === 'factor'
          ? registry.factors
          : what === 'strategy'
            ? SHIPPED_PARTS.strategies
            : SHIPPED_PARTS.rerankers;
    const make = Object.hasOwn(table, kind)
      ? (table[kind] as (o: unknown, r: PartResolver, p: string) => P)
      : undefined;
    if (!make)
      throw new ProfileError(
        `${path}.kind: no shipped ${what} "${kind}" in the ${String(market)} market; known: ${Object.keys(table).join(', ')}`,
      );
    let part: P;
    try {
      part = make(options, resolver, path);
    } catch (err) {
      if (err instanceof ProfileError && err.message.startsWith(path)) throw err;
      throw new ProfileError(`${path} (${what} "${kind}"): ${(err as Error).message}`);
    }
    if (checkName && part.name !== name)
      throw new ProfileError(
        `${path}.name: the ${what} of kind "${kind}" is named "${part.name}", not ${describeValue(name)}`,
      );
    return part;
  }
  const list = (key: string): unknown[] => {
    const v = s[key];
    if (!Array.isArray(v))
      throw new ProfileError(`${key}: expected an array, received ${describeValue(v)}`);
    return v;
  };
  const rules = list('rules').map((r, i) =>
    build<EligibilityRule<unknown, unknown>>('rule', r, `rules[${i}]`),
  );
  const factors = list('factors').map((f, i) => {
    const factor = build<Factor<unknown, unknown>>('factor', f, `factors[${i}]`);
    const weight = (f as { weight?: unknown }).weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw new ProfileError(
        `factors[${i}].weight: expected a finite number ≥ 0, received ${describeValue(weight)}`,
      );
    return { factor, weight };
  });
  const strategy = build<RankingStrategy>('strategy', s.strategy, 'strategy');
  const rerankers = list('rerankers').map((r, i) =>
    build<Reranker>('re-ranker', r, `rerankers[${i}]`),
  );
  if (missing.length > 0)
    throw new ProfileError(
      `profile spec "${String(s.name)}" names custom parts that were not supplied: ${missing.join(', ')}; pass them by name (options.rules / factors / strategies / rerankers)`,
    );
  return defineProfile({
    name: s.name as string,
    version: s.version as string,
    market,
    rules,
    factors,
    strategy,
    rerankers,
  });
}

function suppliedPart<P>(what: string, name: string, parts: SpecParts): P | undefined {
  const table =
    what === 'rule'
      ? parts.rules
      : what === 'factor'
        ? parts.factors
        : what === 'strategy'
          ? parts.strategies
          : parts.rerankers;
  if (!table || !Object.hasOwn(table, name)) return undefined;
  const value = (table as Record<string, unknown>)[name];
  const part = (typeof value === 'function' ? (value as () => P)() : value) as P & {
    name?: unknown;
  };
  if (!part || part.name !== name)
    throw new ProfileError(
      `the supplied ${what} "${name}" is named ${describeValue(part?.name)}; it must keep its name`,
    );
  return part;
}

/** A version-1 spec: differences from a shipped base profile. */
interface LegacySpec {
  base: MarketKind;
  baseVersion: string;
  name: string;
  version: string;
  weights: Record<string, number>;
  dropRules: string[];
  dropFactors: string[];
  strategy:
    | { kind: 'weightedSum'; redistributeAbstained: boolean }
    | { kind: 'reciprocal'; mean: 'harmonic' | 'geometric' | 'arithmetic' }
    | { kind: 'learned'; model: unknown };
  extraFactors?: string[];
}

const BASES = {
  enterpriseProduct: enterpriseProductProfile,
  projectInvestor: projectInvestorProfile,
} as const;

function fromLegacySpec(spec: LegacySpec, parts: SpecParts): Profile<unknown, unknown> {
  const make = Object.hasOwn(BASES, spec.base)
    ? (BASES[spec.base] as () => Profile<unknown, unknown>)
    : undefined;
  if (!make) throw new ProfileError(`base: unknown base profile ${describeValue(spec.base)}`);
  const base = make();
  if (base.version !== spec.baseVersion)
    throw new ProfileError(
      `baseVersion: profile spec written against ${spec.base} ${spec.baseVersion}; this build ships ${base.version}`,
    );
  const s = spec.strategy;
  const strategies = SHIPPED_PARTS.strategies;
  const noResolver: PartResolver = {
    rule: () => {
      throw new ProfileError('version-1 specs hold no nested parts');
    },
  };
  let strategy: RankingStrategy;
  if (s?.kind === 'learned')
    strategy = parts.learned
      ? parts.learned(s.model)
      : strategies.learned!({ model: s.model }, noResolver, 'strategy');
  else if (s?.kind === 'weightedSum')
    strategy = strategies.weightedSum!(
      { redistributeAbstained: s.redistributeAbstained },
      noResolver,
      'strategy',
    );
  else if (s?.kind === 'reciprocal')
    strategy = strategies.reciprocal!({ mean: s.mean }, noResolver, 'strategy');
  else
    throw new ProfileError(
      `strategy.kind: unknown strategy kind ${describeValue((s as { kind?: unknown } | undefined)?.kind)}`,
    );
  const factorTable = SHIPPED_PARTS.markets[spec.base].factors;
  const addFactors = (spec.extraFactors ?? []).map((name) => {
    const supplied = suppliedPart<Factor<unknown, unknown>>('factor', name, parts);
    const factor =
      supplied ??
      (Object.hasOwn(factorTable, name)
        ? factorTable[name]!(undefined, noResolver, `extraFactors`)
        : undefined);
    if (!factor)
      throw new ProfileError(
        `extraFactors: profile spec names factor "${name}", which is not built in; supply it through options.factors`,
      );
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

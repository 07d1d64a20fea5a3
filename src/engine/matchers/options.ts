/**
 * Validation of matcher and ranking options, shared by the four matchers: every key known
 * (unknown keys are {@link OptionError}s with a did-you-mean), every value typed and bounded,
 * and the reference data checked for dangling ids and dates after `asOf`
 * ({@link checkReferences}).
 *
 * @module
 */
import { OptionError, ValidationError, type ValidationIssue } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { DEFAULT_LOCALE } from '../../i18n/locale.js';
import type { RecordKind } from '../../model/enums.js';
import { parseAll } from '../../model/parse.js';
import type { Enterprise, FinancialProduct, Interaction, Project } from '../../model/types.js';
import { describeValue } from '../../util/describe.js';
import { sortById } from '../../util/compare.js';
import {
  arrayOption,
  booleanOption,
  enumOption,
  integerOption,
  readOptions,
  dateOption,
  stringOption,
} from '../../util/options.js';
import type { MatcherOptions, RankOptions } from '../api.js';
import { DEFAULT_K } from '../defaults.js';
import { todayUtc } from '../../util/dates.js';
import type { MarketKind, MarketReference, Profile } from '../types.js';
import { compileProspectFilter } from './prospect-filter.js';
/** The keys {@link MatcherOptions} may have; any other key is an OptionError. */
export const MATCHER_OPTION_KEYS = [
  'profile',
  'asOf',
  'locale',
  'chains',
  'zones',
  'institutions',
  'interactions',
  'subjects',
  'targets',
] as const;

/**
 * Largest finite `k` a ranking call accepts: 1,000,000. The columnar paths allocate a top-k
 * heap of `k` entries (12 bytes each) per call, so `k` is bounded to keep that allocation at
 * most 12 MB; a larger `k` was a `RangeError` from the typed-array constructor. `Infinity`
 * ("every candidate") is always accepted and sized by the candidates instead.
 */
export const MAX_RANK_K = 1_000_000;

/** Matcher options after validation. */
export interface ResolvedMatcherOptions<S, T> {
  profile: Profile<S, T>;
  asOf: string;
  locale: Locale;
  reference: MarketReference;
  interactions: readonly Interaction[];
  /** The `subjects` option, validated as the market's subject kind, in id order. */
  subjects: readonly S[];
  /** The `targets` option, validated as the market's target kind, in id order. */
  targets: readonly T[];
  /** The market the options were resolved for. */
  market: MarketKind;
}

/**
 * Validates constructor options: only the keys of {@link MATCHER_OPTION_KEYS} (a typo such as
 * `asof` is an OptionError suggesting `asOf`), `asOf` a real YYYY-MM-DD date (default today,
 * UTC), `locale` `zh` or `en`, a profile of the right market, reference records, subjects,
 * targets and interactions arrays of valid records.
 *
 * @throws {@link OptionError} on a bad option; ValidationError on bad reference records.
 */
export function resolveMatcherOptions<S, T>(
  options: MatcherOptions<Profile<S, T>> | undefined,
  market: MarketKind,
  defaultProfile: () => Profile<S, T>,
): ResolvedMatcherOptions<S, T> {
  const o = readOptions(options, MATCHER_OPTION_KEYS);
  const locale = enumOption<Locale>(o.locale, 'locale', ['zh', 'en'], DEFAULT_LOCALE);
  const asOf = o.asOf === undefined ? todayUtc() : dateOption(stringOption(o.asOf, 'asOf'), 'asOf');
  const profile = (o.profile ?? defaultProfile()) as Profile<S, T>;
  checkProfile(profile, market);
  const records = <K extends RecordKind>(kind: K, key: string, value: unknown) => {
    if (!isArray(value))
      throw new OptionError(
        key,
        `${key} must be an array of ${kind} records, received ${describeValue(value)}`,
      );
    return parseAll(kind, value, { locale });
  };
  const byId = <R extends { id: string }>(list: R[]) => new Map(list.map((r) => [r.id, r]));
  const reference: MarketReference = {
    ...(o.chains !== undefined ? { chains: byId(records('chain', 'chains', o.chains)) } : {}),
    ...(o.zones !== undefined ? { zones: byId(records('zone', 'zones', o.zones)) } : {}),
    ...(o.institutions !== undefined
      ? { institutions: byId(records('institution', 'institutions', o.institutions)) }
      : {}),
  };
  const interactions =
    o.interactions !== undefined
      ? sortById(records('interaction', 'interactions', o.interactions))
      : [];
  const subjectKind = market === 'enterpriseProduct' ? 'enterprise' : 'project';
  const subjects =
    o.subjects !== undefined
      ? (sortById(records(subjectKind, 'subjects', o.subjects)) as unknown as readonly S[])
      : [];
  const targetKind = market === 'enterpriseProduct' ? 'product' : 'investor';
  const targets =
    o.targets !== undefined
      ? (sortById(records(targetKind, 'targets', o.targets)) as unknown as readonly T[])
      : [];
  return { profile, asOf, locale, reference, interactions, subjects, targets, market };
}

function isArray(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    // A revoked Proxy throws on Array.isArray.
    return false;
  }
}

function checkProfile(profile: unknown, market: MarketKind): void {
  let actual: unknown;
  let name: unknown;
  try {
    if (profile !== null && typeof profile === 'object') {
      actual = (profile as { market?: unknown }).market;
      name = (profile as { name?: unknown }).name;
    }
  } catch {
    throw new OptionError('profile', 'profile could not be read: reading it threw');
  }
  if (actual === market) return;
  throw new OptionError(
    'profile',
    `profile must be a ${market} profile, received ${
      typeof name === 'string'
        ? `${describeValue(name)} for ${describeValue(actual)}`
        : describeValue(profile)
    }`,
  );
}

/** What {@link checkReferences} checks. */
export interface IndexedRecords<S, T> {
  /** Subject records to check (an index's records, upserted records, a ranked subject). */
  subjects?: readonly S[];
  /** Target records to check (a matcher's catalogue, a prospected product). */
  targets?: readonly T[];
  /** `targets` is a whole catalogue: each `combinesWith` must name one of its products. */
  catalogue?: boolean;
  /**
   * Also check the options' history: the `subjects` and `targets` options and the
   * interactions. Default `true`; `false` for upserts and per-call records.
   */
  history?: boolean;
}

/**
 * Checks records of a matcher or index against the reference data and `asOf`: at
 * construction (the records and the options' history), on upserts and for each ranked
 * record. Each check runs only when the data it needs was given (a non-empty list) — no
 * reference data, no check:
 *
 * - a product's `institutionId` must be among the `institutions` option, when given;
 * - an enterprise's `chains[i].chainId`, a product's or project's `chains[i]` must be among the
 *   `chains` option, and an enterprise's or product's `zones[i]` among the `zones` option, when
 *   given;
 * - a catalogue product's `combinesWith[i]` must name a product of the catalogue;
 * - interactions naming subjects or items without a record are not errors: the `subjects` and
 *   `targets` options may hold only some of them (history names retired products and
 *   enterprises whose records are gone); such interactions simply add no features;
 * - **values that cannot be meant:** an interaction dated after `asOf`, or an enterprise
 *   founded after `asOf`'s year, is rejected (not ignored): one future-dated interaction would
 *   otherwise count with full weight and reshuffle every list.
 *
 * @throws ValidationError of the first record kind with a problem, every issue of that kind
 * listed, each naming the record id and field path (`chains[0].chainId`, `date`), with code
 * `unknown_reference` or `after_as_of`.
 */
export function checkReferences<S extends { id: string }, T extends { id: string }>(
  resolved: ResolvedMatcherOptions<S, T>,
  records: IndexedRecords<S, T>,
): void {
  const history = records.history ?? true;
  const check = referenceCheckOf(resolved);
  // One ranked record (the per-call check): nothing to build when it names nothing unknown.
  if (
    !history &&
    records.targets === undefined &&
    records.subjects?.length === 1 &&
    !subjectIssues(subjectChecks(check), records.subjects[0]!)
  )
    return;
  throwReferenceIssues(check, {
    subjects: [...(records.subjects ?? []), ...(history ? resolved.subjects : [])],
    targets: [...(records.targets ?? []), ...(history ? resolved.targets : [])],
    ...(records.catalogue && records.targets ? { catalogue: records.targets } : {}),
    ...(history ? { interactions: resolved.interactions } : {}),
  });
}

/**
 * Throws the ValidationError of the first record kind {@link referenceIssues} finds an issue
 * in, every issue of that kind listed once (a record may be both indexed and in the
 * `subjects` option). The matchers' and the sweeps' check.
 */
export function throwReferenceIssues<S extends { id: string }, T extends { id: string }>(
  check: ReferenceCheck,
  records: ReferencedRecords<S, T>,
): void {
  const issues = new Map<string, ValidationIssue[]>();
  const seen = new Set<string>();
  referenceIssues(check, records, (kind, issue) => {
    const key = `${kind}\u0000${issue.recordId}\u0000${issue.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = issues.get(kind) ?? [];
    list.push(issue);
    issues.set(kind, list);
  });
  for (const [kind, list] of issues) throw new ValidationError(kind, list);
}

/**
 * What records are checked against ({@link referenceIssues}): the market, the evaluation date
 * and the reference data — each map undefined (or empty) when not given, and then not checked.
 */
export interface ReferenceCheck {
  market: MarketKind;
  asOf: string;
  locale: Locale;
  chains?: ReadonlyMap<string, unknown> | undefined;
  zones?: ReadonlyMap<string, unknown> | undefined;
  institutions?: ReadonlyMap<string, unknown> | undefined;
}

/** The {@link ReferenceCheck} of resolved matcher options. */
export function referenceCheckOf<S, T>(resolved: ResolvedMatcherOptions<S, T>): ReferenceCheck {
  const { reference, asOf, locale, market } = resolved;
  return {
    market,
    asOf,
    locale,
    chains: reference.chains,
    zones: reference.zones,
    institutions: reference.institutions,
  };
}

/** The records {@link referenceIssues} checks. */
export interface ReferencedRecords<S, T> {
  /** Enterprises or projects (the check's market decides). */
  subjects?: readonly S[];
  /** Products (investors name no reference data). */
  targets?: readonly T[];
  /** A whole catalogue: each product's `combinesWith` must name one of these. */
  catalogue?: readonly T[];
  interactions?: readonly Interaction[];
}

/**
 * Every issue of `records` against the reference data and `asOf` ({@link checkReferences} lists
 * the rules), passed to `report` with its record kind (`enterprise`, `project`, `product`,
 * `interaction`) in record order; nothing is thrown. The one check behind the matchers and
 * indexes (which throw), the sweeps and the command line (which report each record and skip
 * it).
 */
export function referenceIssues<S extends { id: string }, T extends { id: string }>(
  check: ReferenceCheck,
  records: ReferencedRecords<S, T>,
  report: (kind: string, issue: ValidationIssue) => void,
): void {
  const { asOf, market } = check;
  const en = check.locale === 'en';
  const checks = subjectChecks(check);
  const { chains, zones } = checks;
  const unknownRef = (
    kind: string,
    recordId: string,
    path: string,
    what: 'chain' | 'zone' | 'institution' | 'product',
    id: string,
  ) => report(kind, unknownReference(recordId, path, what, id, en));
  const institutions = given(check.institutions);
  for (const subject of records.subjects ?? []) subjectIssues(checks, subject, report);
  if (market === 'enterpriseProduct') {
    for (const p of (records.targets ?? []) as unknown as FinancialProduct[]) {
      if (institutions && !institutions.has(p.institutionId))
        unknownRef('product', p.id, 'institutionId', 'institution', p.institutionId);
      if (chains)
        p.chains.forEach((c, i) => {
          if (!chains.has(c)) unknownRef('product', p.id, `chains[${i}]`, 'chain', c);
        });
      if (zones)
        p.zones.forEach((z, i) => {
          if (!zones.has(z)) unknownRef('product', p.id, `zones[${i}]`, 'zone', z);
        });
    }
    if (records.catalogue) {
      const catalogue = new Set(records.catalogue.map((t) => t.id));
      for (const p of records.catalogue as unknown as FinancialProduct[])
        p.combinesWith.forEach((c, i) => {
          if (!catalogue.has(c)) unknownRef('product', p.id, `combinesWith[${i}]`, 'product', c);
        });
    }
  }
  for (const i of records.interactions ?? []) {
    if (i.date > asOf)
      report('interaction', {
        recordId: i.id,
        path: 'date',
        code: 'after_as_of',
        message: en
          ? `dated ${i.date}, after asOf ${asOf}; history cannot be in the future (fix the date or asOf)`
          : `日期 ${i.date} 晚于评估日期 asOf ${asOf}；历史记录不能晚于评估日期`,
        received: i.date,
      });
  }
}

const ZH_NAMES = { chain: '产业链', zone: '专区', institution: '机构', product: '产品' } as const;

/** What {@link subjectIssues} checks subjects against, read once for a check of many. */
interface SubjectChecks {
  market: MarketKind;
  asOf: string;
  /** `asOf`'s year: an enterprise founded after it is reported. */
  asOfYear: number;
  en: boolean;
  /** The reference data's chains and zones; `undefined` when not given (or empty). */
  chains: ReadonlyMap<string, unknown> | undefined;
  zones: ReadonlyMap<string, unknown> | undefined;
}

function subjectChecks(check: ReferenceCheck): SubjectChecks {
  const { asOf, locale, market } = check;
  return {
    market,
    asOf,
    asOfYear: Number(asOf.slice(0, 4)),
    en: locale === 'en',
    // An empty list is no reference data (a snapshot saved without chains holds `[]`).
    chains: given(check.chains),
    zones: given(check.zones),
  };
}

/**
 * The issues of one subject against the reference data and `asOf` ({@link subjectChecks}), in
 * the order they are reported: an enterprise's `foundedYear` and `srdi.certifiedOn` after
 * `asOf`, then each `chains[i].chainId` and `zones[i]` the reference data does not hold; a
 * project's `chains[i]`. Each issue is passed to `report`; without `report` (the per-call check
 * of a ranked subject) nothing is built and the answer is whether there is any issue at all.
 * Returns whether there was one.
 */
function subjectIssues<S>(
  checks: SubjectChecks,
  subject: S,
  report?: (kind: string, issue: ValidationIssue) => void,
): boolean {
  const { asOf, en, chains, zones } = checks;
  let found = false;
  if (checks.market === 'enterpriseProduct') {
    const e = subject as unknown as Enterprise;
    if (e.foundedYear > checks.asOfYear) {
      if (!report) return true;
      found = true;
      report('enterprise', {
        recordId: e.id,
        path: 'foundedYear',
        code: 'after_as_of',
        message: en
          ? `founded in ${e.foundedYear}, after asOf ${asOf}`
          : `成立年份 ${e.foundedYear} 晚于评估日期 asOf ${asOf}`,
        received: String(e.foundedYear),
      });
    }
    const certifiedOn = e.srdi?.certifiedOn;
    if (typeof certifiedOn === 'string' && certifiedOn > asOf) {
      if (!report) return true;
      found = true;
      report('enterprise', {
        recordId: e.id,
        path: 'srdi.certifiedOn',
        code: 'after_as_of',
        message: en
          ? `SRDI certificate dated ${certifiedOn}, after asOf ${asOf}`
          : `专精特新认定日期 ${certifiedOn} 晚于评估日期 asOf ${asOf}`,
        received: certifiedOn,
      });
    }
    if (chains)
      for (let i = 0; i < e.chains.length; i++) {
        const id = e.chains[i]!.chainId;
        if (chains.has(id)) continue;
        if (!report) return true;
        found = true;
        report('enterprise', unknownReference(e.id, `chains[${i}].chainId`, 'chain', id, en));
      }
    if (zones)
      for (let i = 0; i < e.zones.length; i++) {
        const id = e.zones[i]!;
        if (zones.has(id)) continue;
        if (!report) return true;
        found = true;
        report('enterprise', unknownReference(e.id, `zones[${i}]`, 'zone', id, en));
      }
    return found;
  }
  const p = subject as unknown as Project;
  if (chains)
    for (let i = 0; i < p.chains.length; i++) {
      const id = p.chains[i]!;
      if (chains.has(id)) continue;
      if (!report) return true;
      found = true;
      report('project', unknownReference(p.id, `chains[${i}]`, 'chain', id, en));
    }
  return found;
}

/** The `unknown_reference` issue of record `recordId` naming `what` `id` at `path`. */
function unknownReference(
  recordId: string,
  path: string,
  what: 'chain' | 'zone' | 'institution' | 'product',
  id: string,
  en: boolean,
): ValidationIssue {
  return {
    recordId,
    path,
    code: 'unknown_reference',
    message: en
      ? `names ${what} ${describeValue(id)}, which is not in the given ${what === 'product' ? 'catalogue' : `${what}s`}`
      : `引用的${ZH_NAMES[what]} ${describeValue(id)} 不在所给的${what === 'product' ? '产品目录' : `${ZH_NAMES[what]}数据`}中`,
    received: describeValue(id),
  };
}

/** A reference map, or undefined when it was not given or is empty (no reference data). */
function given<V>(map: ReadonlyMap<string, V> | undefined): ReadonlyMap<string, V> | undefined {
  return map && map.size > 0 ? map : undefined;
}

/** Ranking options after validation. */
export interface ResolvedRankOptions {
  k: number;
  includeRules: boolean;
  includeIneligible: boolean;
  /** Results skipped before the first returned one (`prospect` only; 0 elsewhere). */
  offset: number;
}

/**
 * Which ranking call the options are for, which fixes the keys they may have:
 * - `rank`: `rankProducts`, `rankInvestors` (`k`, `includeRules`, `includeIneligible`);
 * - `prospect`: `prospectEnterprises` (`k`, `includeRules`, `filter`, `offset`);
 * - `index`: `rankProjects` and `rankBatch` (`k`, `includeRules`);
 * - `any`: every key above (the lenient default for callers that check the rest themselves).
 */
export type RankCall = 'rank' | 'prospect' | 'index' | 'any';

const RANK_KEYS: Record<RankCall, readonly (keyof RankOptions | 'filter' | 'offset')[]> = {
  rank: ['k', 'includeRules', 'includeIneligible'],
  prospect: ['k', 'includeRules', 'filter', 'offset'],
  index: ['k', 'includeRules'],
  any: ['k', 'includeRules', 'includeIneligible', 'filter', 'offset'],
};

/**
 * Validates ranking options: only the keys of the `call` (an unknown key is an OptionError
 * with a did-you-mean), `k` a positive integer ≤ {@link MAX_RANK_K} or `Infinity` (default 10),
 * `offset` an integer in [0, {@link MAX_RANK_K}] (default 0), `includeRules` and
 * `includeIneligible` booleans. For `prospect` with the index's reference
 * data, the `filter` is checked too ({@link compileProspectFilter}): a chain or zone id the
 * reference data does not know is an UnknownIdError, as in `rankBatch`.
 *
 * @throws {@link OptionError}; UnknownIdError for a filter naming an unknown chain or zone.
 */
export function resolveRankOptions(
  options: RankOptions | undefined,
  call: RankCall = 'any',
  reference?: MarketReference,
): ResolvedRankOptions {
  const o = readOptions(options, RANK_KEYS[call]) as Readonly<Record<string, unknown>>;
  const k = integerOption(o.k, 'k', {
    min: 1,
    max: MAX_RANK_K,
    infinity: true,
    default: DEFAULT_K,
  });
  const includeRules = booleanOption(o.includeRules, 'includeRules', false);
  const includeIneligible = booleanOption(o.includeIneligible, 'includeIneligible', false);
  const offset = integerOption(o.offset, 'offset', { min: 0, max: MAX_RANK_K, default: 0 });
  if (call === 'prospect' && reference && o.filter !== undefined)
    compileProspectFilter(o.filter as Parameters<typeof compileProspectFilter>[0], reference);
  return { k, includeRules, includeIneligible, offset };
}

/**
 * An index's own records plus the `subjects` option's records of other ids (history subjects
 * that are not indexed), in id order: what its factors are prepared on.
 */
export function mergeSubjects<S extends { id: string }>(
  indexed: readonly S[],
  history: readonly S[],
): readonly S[] {
  if (history.length === 0) return indexed;
  const ids = new Set(indexed.map((s) => s.id));
  return sortById([...indexed, ...history.filter((s) => !ids.has(s.id))]);
}

/**
 * The ids of a `remove…` call as a set, checked: a dense array of strings.
 *
 * @throws {@link OptionError} naming `ids` or the first entry `ids[i]` that is not a string.
 */
export function checkIds(ids: unknown, locale: Locale): Set<string> {
  return new Set(
    arrayOption(
      ids,
      'ids',
      (item, path) => {
        if (typeof item === 'string') return item;
        throw new OptionError(
          path,
          locale === 'en'
            ? `${path} must be an id string, received ${describeValue(item)}`
            : `${path} 必须是 id 字符串，收到 ${describeValue(item)}`,
        );
      },
      locale === 'en' ? 'an array of id strings' : 'an array of id strings (id 字符串数组)',
    ),
  );
}

/**
 * Validation of matcher and ranking options, shared by the four matchers.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { DEFAULT_LOCALE } from '../../i18n/locale.js';
import { parseAll } from '../../model/parse.js';
import type { Interaction } from '../../model/types.js';
import type { MatcherOptions, RankOptions } from '../api.js';
import { DEFAULT_K } from '../defaults.js';
import { isIsoDate, todayUtc } from '../rules/dates.js';
import type { MarketKind, MarketReference, Profile } from '../types.js';

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
}

/**
 * Validates constructor options: `asOf` a real YYYY-MM-DD date (default today, UTC), `locale`
 * `zh` or `en`, a profile of the right market, reference records and interactions valid.
 *
 * @throws {@link OptionError} on a bad option; ValidationError on bad reference records.
 */
export function resolveMatcherOptions<S, T>(
  options: MatcherOptions<Profile<S, T>> | undefined,
  market: MarketKind,
  defaultProfile: () => Profile<S, T>,
): ResolvedMatcherOptions<S, T> {
  const o = options ?? {};
  if (typeof o !== 'object') throw new OptionError('options', 'options must be an object');
  const locale = o.locale ?? DEFAULT_LOCALE;
  if (locale !== 'zh' && locale !== 'en') {
    throw new OptionError(
      'locale',
      `locale must be 'zh' or 'en', received ${JSON.stringify(locale)}`,
    );
  }
  const asOf = o.asOf ?? todayUtc();
  if (!isIsoDate(asOf)) {
    throw new OptionError(
      'asOf',
      `asOf must be a real date written YYYY-MM-DD, received ${JSON.stringify(asOf)}`,
    );
  }
  const profile = o.profile ?? defaultProfile();
  if (!profile || profile.market !== market) {
    throw new OptionError(
      'profile',
      `profile must be a ${market} profile, received ${profile ? `"${profile.name}" for ${profile.market}` : String(profile)}`,
    );
  }
  const byId = <R extends { id: string }>(records: R[]) => new Map(records.map((r) => [r.id, r]));
  const reference: MarketReference = {
    ...(o.chains !== undefined ? { chains: byId(parseAll('chain', o.chains, { locale })) } : {}),
    ...(o.zones !== undefined ? { zones: byId(parseAll('zone', o.zones, { locale })) } : {}),
    ...(o.institutions !== undefined
      ? { institutions: byId(parseAll('institution', o.institutions, { locale })) }
      : {}),
  };
  const interactions =
    o.interactions !== undefined
      ? sortById(parseAll('interaction', o.interactions, { locale }))
      : [];
  const subjectKind = market === 'enterpriseProduct' ? 'enterprise' : 'project';
  const subjects =
    o.subjects !== undefined
      ? (sortById(parseAll(subjectKind, o.subjects, { locale })) as unknown as readonly S[])
      : [];
  const targetKind = market === 'enterpriseProduct' ? 'product' : 'investor';
  const targets =
    o.targets !== undefined
      ? (sortById(parseAll(targetKind, o.targets, { locale })) as unknown as readonly T[])
      : [];
  return { profile, asOf, locale, reference, interactions, subjects, targets };
}

/** Ranking options after validation. */
export interface ResolvedRankOptions {
  k: number;
  includeRules: boolean;
  includeIneligible: boolean;
}

/**
 * Validates `k` (a positive integer or `Infinity`; default 10) and `includeRules`.
 *
 * @throws {@link OptionError}
 */
export function resolveRankOptions(options: RankOptions | undefined): ResolvedRankOptions {
  const o = options ?? {};
  const k = o.k ?? DEFAULT_K;
  if (typeof k !== 'number' || !(k === Infinity || (Number.isInteger(k) && k > 0))) {
    throw new OptionError('k', `k must be a positive integer or Infinity, received ${String(k)}`);
  }
  const includeRules = o.includeRules ?? false;
  if (typeof includeRules !== 'boolean') {
    throw new OptionError(
      'includeRules',
      `includeRules must be a boolean, received ${String(includeRules)}`,
    );
  }
  const includeIneligible = o.includeIneligible ?? false;
  if (typeof includeIneligible !== 'boolean') {
    throw new OptionError(
      'includeIneligible',
      `includeIneligible must be a boolean, received ${String(includeIneligible)}`,
    );
  }
  return { k, includeRules, includeIneligible };
}

/** Records sorted by id (code-unit order), so results never depend on input order. */
export function sortById<R extends { id: string }>(records: readonly R[]): R[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
 * The ids of a `remove…` call as a set, checked: an array of strings.
 *
 * @throws {@link OptionError} naming the first entry that is not a string.
 */
export function checkIds(ids: unknown, locale: Locale): Set<string> {
  if (!Array.isArray(ids))
    throw new OptionError(
      'ids',
      locale === 'en'
        ? `ids must be an array of id strings, received ${ids === null ? 'null' : typeof ids}`
        : `ids 必须是 id 字符串数组，收到 ${ids === null ? 'null' : typeof ids}`,
    );
  for (let i = 0; i < ids.length; i++)
    if (typeof ids[i] !== 'string')
      throw new OptionError(
        `ids[${i}]`,
        locale === 'en' ? `ids[${i}] must be a string` : `ids[${i}] 必须是字符串`,
      );
  return new Set(ids as string[]);
}

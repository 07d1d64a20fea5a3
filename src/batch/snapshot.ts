/**
 * Snapshots: everything a ranking depends on — the records of both sides, the reference data
 * (chains, zones, institutions), the outcome history and the history's subject and target
 * records, the profile spec, the evaluation date and locale — in a versioned JSON format, so a
 * ranking can be reproduced exactly for audit. Loading rebuilds the matchers from the records
 * (the encoding and the fitted models are derived again, never trusted); the same content
 * gives the same bytes, whatever order it came in, and a content hash over it.
 *
 * @module
 */
import { OptionError, SnapshotError } from '../errors.js';
import { parseAll } from '../model/parse.js';
import { describeValue } from '../util/describe.js';
import { dateOption, readOptions } from '../util/options.js';
import type { Locale } from '../i18n/locale.js';
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
import type {
  EnterpriseIndex,
  InvestorMatcher,
  MatcherOptions,
  ProductMatcher,
  ProjectIndex,
} from '../engine/api.js';
import {
  createEnterpriseIndex,
  createInvestorMatcher,
  createProductMatcher,
  createProjectIndex,
} from '../engine/matchers/index.js';
import {
  profileFromSpec,
  profileToSpec,
  type ProfileSpec,
  type SpecParts,
} from '../engine/profiles/spec.js';
import type { MarketKind, Profile } from '../engine/types.js';
import { canonicalJson, contentHash } from '../util/canonical.js';

/** Format name written in every snapshot header. */
export const SNAPSHOT_FORMAT = 'finmatch-snapshot';
/** Version of the snapshot format this build reads and writes. */
export const SNAPSHOT_FORMAT_VERSION = 2;

/** The records a snapshot holds, by kind. */
export interface SnapshotRecords {
  /** Enterprises (enterprise–product) or projects (project–investor): the subjects. */
  subjects: readonly (Enterprise | Project)[];
  /** Products or investors: the targets. */
  targets: readonly (FinancialProduct | Investor)[];
  chains: readonly IndustrialChain[];
  zones: readonly SpecialZone[];
  institutions: readonly Institution[];
  interactions: readonly Interaction[];
  /** The matchers' `subjects` option: records of the subjects the history names. */
  historySubjects: readonly (Enterprise | Project)[];
  /** The matchers' `targets` option: records of the targets the history names. */
  historyTargets: readonly (FinancialProduct | Investor)[];
}

/** The header of a snapshot. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** finmatch version that wrote it. */
  finmatchVersion: string;
  market: MarketKind;
  asOf: string;
  locale: Locale;
  profile: ProfileSpec;
  /** `sha256:…` of the canonical profile spec. */
  profileHash: string;
  counts: Record<keyof SnapshotRecords, number>;
  /** `sha256:…` of the canonical records and profile: equal hashes, equal rankings. */
  contentHash: string;
}

/** What a snapshot holds. */
export interface SnapshotContent {
  /** The profile; its market decides which records are which. */
  profile: Profile<never, never>;
  /** Enterprises or projects. */
  subjects?: readonly (Enterprise | Project)[];
  /** Products or investors. */
  targets?: readonly (FinancialProduct | Investor)[];
  /** Enterprise–product alias of `subjects`. */
  enterprises?: readonly Enterprise[];
  /** Enterprise–product alias of `targets`. */
  products?: readonly FinancialProduct[];
  asOf: string;
  locale?: Locale;
  chains?: readonly IndustrialChain[];
  zones?: readonly SpecialZone[];
  institutions?: readonly Institution[];
  interactions?: readonly Interaction[];
  historySubjects?: readonly (Enterprise | Project)[];
  historyTargets?: readonly (FinancialProduct | Investor)[];
  /** Written into the header. Default `unknown`. */
  finmatchVersion?: string;
}

/** A loaded snapshot: its header and the matchers rebuilt from it, for its market. */
export interface LoadedSnapshot {
  header: SnapshotHeader;
  /** Enterprise–product snapshots. */
  enterpriseIndex?: EnterpriseIndex;
  productMatcher?: ProductMatcher;
  /** Project–investor snapshots. */
  projectIndex?: ProjectIndex;
  investorMatcher?: InvestorMatcher;
}

const byId = <R extends { id: string }>(records: readonly R[]): R[] =>
  [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Interactions in a canonical order: every field, so any input order gives the same list. */
function sortInteractions(list: readonly Interaction[]): Interaction[] {
  const keyed = list.map((i) => ({ i, key: canonicalJson(i) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.i);
}

/**
 * Serialises a snapshot to canonical JSON text: records sorted by id (interactions by every
 * field), object keys sorted, so the same content always gives the same bytes.
 *
 * A profile's custom code (parts without a spec) is written by name only: `loadSnapshot` needs
 * it supplied (`parts`) and the content hash identifies it by that name, not by its code.
 */
export function saveSnapshot(content: SnapshotContent): string {
  if (content === null || typeof content !== 'object')
    throw new OptionError(
      'content',
      `a snapshot's content must be an object, received ${describeValue(content)}`,
    );
  const profile = content.profile as Profile<unknown, unknown> | undefined;
  if (
    !profile ||
    typeof profile !== 'object' ||
    (profile.market !== 'enterpriseProduct' && profile.market !== 'projectInvestor') ||
    !Array.isArray(profile.rules) ||
    !Array.isArray(profile.factors)
  )
    throw new OptionError(
      'profile',
      `profile must be a profile (e.g. enterpriseProductProfile()), received ${describeValue(profile)}; a spec is loaded first with profileFromSpec`,
    );
  dateOption(content.asOf, 'asOf');
  const locale = content.locale ?? 'zh';
  if (locale !== 'zh' && locale !== 'en')
    throw new OptionError(
      'locale',
      `locale must be "zh" or "en", received ${describeValue(locale)}`,
    );
  // Records are validated (and normalised) as the matchers will read them on load: a snapshot
  // that saves always loads.
  const [subjectKind, targetKind] =
    profile.market === 'enterpriseProduct'
      ? (['enterprise', 'product'] as const)
      : (['project', 'investor'] as const);
  const parse = <R>(kind: Parameters<typeof parseAll>[0], list: unknown): R[] =>
    byId(parseAll(kind, list ?? [], { locale }) as { id: string }[]) as unknown as R[];
  const records: SnapshotRecords = {
    subjects: parse(
      subjectKind,
      content.subjects ?? content.enterprises,
    ) as SnapshotRecords['subjects'],
    targets: parse<SnapshotRecords['targets'][number]>(
      targetKind,
      content.targets ?? content.products,
    ),
    chains: parse<SnapshotRecords['chains'][number]>('chain', content.chains),
    zones: parse<SnapshotRecords['zones'][number]>('zone', content.zones),
    institutions: parse<SnapshotRecords['institutions'][number]>(
      'institution',
      content.institutions,
    ),
    interactions: sortInteractions(parseAll('interaction', content.interactions ?? [], { locale })),
    historySubjects: parse<SnapshotRecords['subjects'][number]>(
      subjectKind,
      content.historySubjects,
    ),
    historyTargets: parse<SnapshotRecords['targets'][number]>(targetKind, content.historyTargets),
  };
  const spec = profileToSpec(profile);
  const counts = Object.fromEntries(
    Object.entries(records).map(([k, v]) => [k, (v as unknown[]).length]),
  ) as SnapshotHeader['counts'];
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    finmatchVersion: content.finmatchVersion ?? 'unknown',
    market: profile.market,
    asOf: content.asOf,
    locale,
    profile: spec,
    profileHash: contentHash(spec),
    counts,
    contentHash: hashOf(records, spec, content.asOf, locale),
  };
  return canonicalJson({ header, records });
}

function hashOf(records: SnapshotRecords, spec: ProfileSpec, asOf: string, locale: Locale) {
  return contentHash({ records, profile: spec, asOf, locale });
}

/** Options of {@link loadSnapshot}. */
export interface LoadSnapshotOptions {
  /** Custom parts the profile names (see `profileFromSpec`). */
  parts?: SpecParts;
}

/**
 * Reads a snapshot (JSON text, its UTF-8 bytes, or the parsed object) and rebuilds the
 * matchers of its market exactly as they ranked.
 *
 * @throws {@link SnapshotError} when it is not a finmatch snapshot, its format version is not
 * {@link SNAPSHOT_FORMAT_VERSION}, its counts disagree with its records or its content hash
 * with its content; ProfileError when its profile cannot be rebuilt.
 */
export function loadSnapshot(
  input: string | Uint8Array | object,
  options: LoadSnapshotOptions = {},
): LoadedSnapshot {
  const o = readOptions(options, ['parts']);
  let data: unknown = input;
  try {
    if (typeof input === 'string') data = JSON.parse(input);
    else if (input instanceof Uint8Array) data = JSON.parse(new TextDecoder().decode(input));
  } catch (e) {
    throw new SnapshotError(`not a finmatch snapshot: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object')
    throw new SnapshotError('not a finmatch snapshot (not a JSON object)');
  const d = data as { header?: Partial<SnapshotHeader>; records?: Partial<SnapshotRecords> };
  const h = d.header;
  if (!h || typeof h !== 'object' || h.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError('not a finmatch snapshot (no header)');
  if (h.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotError(
      `snapshot format version ${String(h.formatVersion)} is not supported (this build reads ${SNAPSHOT_FORMAT_VERSION})`,
    );
  }
  const HEADER_KEYS = [
    'format',
    'formatVersion',
    'finmatchVersion',
    'market',
    'asOf',
    'locale',
    'profile',
    'profileHash',
    'counts',
    'contentHash',
  ];
  for (const key of Object.keys(h))
    if (!HEADER_KEYS.includes(key))
      throw new SnapshotError(
        `header.${key}: unknown field; a snapshot header has ${HEADER_KEYS.join(', ')}`,
      );
  for (const key of Object.keys(d))
    if (key !== 'header' && key !== 'records')
      throw new SnapshotError(`${key}: unknown field; a snapshot has header and records`);
  const r = d.records;
  if (!r || typeof r !== 'object') throw new SnapshotError('snapshot has no records');
  const keys: (keyof SnapshotRecords)[] = [
    'subjects',
    'targets',
    'chains',
    'zones',
    'institutions',
    'interactions',
    'historySubjects',
    'historyTargets',
  ];
  for (const key of Object.keys(r))
    if (!(keys as string[]).includes(key))
      throw new SnapshotError(`records.${key}: unknown field; records are ${keys.join(', ')}`);
  for (const key of keys) {
    const list = r[key];
    if (!Array.isArray(list)) throw new SnapshotError(`records.${key} must be an array`);
    if (list.length !== h.counts?.[key])
      throw new SnapshotError(
        `records.${key} holds ${list.length} records; the header counts ${String(h.counts?.[key])}`,
      );
  }
  const records = r as SnapshotRecords;
  if (
    typeof h.asOf !== 'string' ||
    (h.locale !== 'zh' && h.locale !== 'en') ||
    h.profile === undefined
  )
    throw new SnapshotError('snapshot header lacks asOf, locale or profile');
  if (h.contentHash !== hashOf(records, h.profile, h.asOf, h.locale))
    throw new SnapshotError(
      'snapshot content does not match its content hash: it was changed after it was written',
    );
  if (h.profileHash !== contentHash(h.profile))
    throw new SnapshotError('snapshot profileHash does not match its profile spec');
  const profile = profileFromSpec(h.profile, { ...(o.parts as SpecParts | undefined) });
  if (h.market !== profile.market)
    throw new SnapshotError(
      `snapshot header says market ${describeValue(h.market)}, its profile is for ${profile.market}`,
    );
  const common = {
    asOf: h.asOf,
    locale: h.locale,
    chains: records.chains,
    zones: records.zones,
    institutions: records.institutions,
    interactions: records.interactions,
  };
  const header = h as SnapshotHeader;
  // The matchers get exactly the options they ranked with: the history's records are the
  // `subjects` and `targets` matcher options.
  const matcherOptions = {
    ...common,
    profile,
    subjects: records.historySubjects,
    targets: records.historyTargets,
  } as unknown as MatcherOptions<never>;
  if (profile.market === 'enterpriseProduct')
    return {
      header,
      enterpriseIndex: createEnterpriseIndex(records.subjects as Enterprise[], matcherOptions),
      productMatcher: createProductMatcher(records.targets as FinancialProduct[], matcherOptions),
    };
  return {
    header,
    projectIndex: createProjectIndex(records.subjects as Project[], matcherOptions),
    investorMatcher: createInvestorMatcher(records.targets as Investor[], matcherOptions),
  };
}

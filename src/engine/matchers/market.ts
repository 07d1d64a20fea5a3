/**
 * The two markets as descriptions, and the one generic matcher over them: record kinds, the
 * shipped profile, re-ranking groups and how unknown ids are reported. The four public
 * factories are thin views of {@link createTargetMatcher} (rank a catalogue for a subject)
 * and {@link createSubjectIndex} (rank indexed subjects for a target), so both markets get
 * the same compiled pipeline, incremental updates and validation.
 *
 * @module
 */
import { UnknownIdError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import type { Locale } from '../../i18n/locale.js';
import { BatchValidator, compiledValidator, parseAll, parseRecord } from '../../model/parse.js';
import type {
  Enterprise,
  FinancialProduct,
  Investor,
  Project,
  RecordByKind,
} from '../../model/types.js';
import type { RecordKind } from '../../model/enums.js';
import {
  compileSubjects,
  compileTargets,
  type SubjectRanker,
  type TargetRanker,
} from '../../compile/compile.js';
import { FEED_CHUNK, type ChunkedFeed } from '../../compile/columns.js';
import type { PairScores } from '../../compile/pairs.js';
import type { RankedCandidate } from '../../compile/reference.js';
import type { MatcherOptions, NearMissReport, RankOptions } from '../api.js';
import { prepareProfile } from '../pipeline.js';
import { enterpriseProductProfile } from '../profiles/enterprise-product.js';
import { projectInvestorProfile } from '../profiles/project-investor.js';
import { findNearMisses, resolveNearMissOptions } from '../explain/near-misses.js';
import type { Explanation, MarketKind, MarketReference, Profile, ProfilePlan } from '../types.js';
import {
  checkIds,
  checkReferences,
  mergeSubjects,
  resolveMatcherOptions,
  resolveRankOptions,
} from './options.js';
import { sortById } from '../../util/compare.js';
import { warmUpIndex } from './warm-up.js';

/** What a market is made of, for the generic matchers. */
export interface MarketDescription<S extends { id: string }, T extends { id: string }> {
  market: MarketKind;
  subjectKind: RecordKind;
  targetKind: RecordKind;
  /** The shipped profile. */
  profile: () => Profile<S, T>;
  /** Re-ranking group of a target when ranking a catalogue (its institution, investor kind). */
  targetGroup: (target: T) => string;
  /** Re-ranking group of a subject when prospecting (province, sector section). */
  subjectGroup: (subject: S) => string;
  /** The target's name in messages. */
  targetName: { zh: string; en: string };
  /** The subject's name in messages. */
  subjectName: { zh: string; en: string };
}

/** The enterprise–product market. */
export const ENTERPRISE_PRODUCT: MarketDescription<Enterprise, FinancialProduct> = {
  market: 'enterpriseProduct',
  subjectKind: 'enterprise',
  targetKind: 'product',
  profile: enterpriseProductProfile,
  targetGroup: (p) => p.institutionId,
  subjectGroup: (e) => e.region.slice(0, 2),
  targetName: { zh: '产品', en: 'product' },
  subjectName: { zh: '企业', en: 'enterprise' },
};

/** The project–investor market. */
export const PROJECT_INVESTOR: MarketDescription<Project, Investor> = {
  market: 'projectInvestor',
  subjectKind: 'project',
  targetKind: 'investor',
  profile: projectInvestorProfile,
  targetGroup: (i) => i.kind,
  subjectGroup: (p) => p.sector.slice(0, 1),
  targetName: { zh: '投资方', en: 'investor' },
  subjectName: { zh: '项目', en: 'project' },
};

/** A catalogue of targets ranked for subjects: the generic side of the two matchers. */
export interface TargetMatcher<S, T> {
  readonly targets: readonly T[];
  readonly byId: ReadonlyMap<string, T>;
  readonly profile: Profile<S, T>;
  readonly plan: ProfilePlan;
  readonly locale: Locale;
  parseSubject(input: unknown): S;
  rank(subject: unknown, options?: RankOptions): RankedCandidate[];
  /**
   * Every eligible pair of `subjects` (validated as `rank` validates one) with the catalogue,
   * scored in bulk as columns: the scores and sides `rank(subject, { k: Infinity })` gives.
   * Target rows index {@link TargetMatcher.targets}.
   */
  scorePairs(subjects: readonly unknown[]): PairScores;
  explain(subject: unknown, targetId: string): Explanation;
  /** The subject's near misses over the catalogue (see {@link findNearMisses}). */
  nearMisses(subject: unknown, options?: unknown): NearMissReport;
  upsert(records: readonly unknown[]): void;
  remove(ids: readonly string[]): number;
}

/** The typed error of an id a matcher or index does not know, in `locale`. */
function unknownId(name: { zh: string; en: string }, id: unknown, locale: Locale): UnknownIdError {
  const shown = describeValue(id);
  return new UnknownIdError(
    typeof id === 'string' ? id : shown,
    locale === 'en' ? `unknown ${name.en} id ${shown}` : `未知的${name.zh} id ${shown}`,
  );
}

/**
 * The generic catalogue matcher: targets validated and kept in id order, the profile prepared
 * on them and compiled ({@link compileTargets}); upserts and removals re-prepare (the
 * catalogue is the corpus of text and collaborative factors).
 */
export function createTargetMatcher<S extends { id: string }, T extends { id: string }>(
  market: MarketDescription<S, T>,
  records: readonly unknown[],
  options: MatcherOptions<Profile<S, T>> | undefined,
): TargetMatcher<S, T> {
  const resolved = resolveMatcherOptions(options, market.market, market.profile);
  const { asOf, locale, reference, interactions, subjects } = resolved;
  const env = { asOf, locale, reference };
  let targets: readonly T[] = [];
  let byId = new Map<string, T>();
  let ranker!: TargetRanker<S, T>;
  let prepared!: Profile<S, T>;
  const load = (list: readonly T[]) => {
    targets = Object.freeze(sortById(list));
    byId = new Map(targets.map((t) => [t.id, t]));
    prepared = prepareProfile(resolved.profile, {
      targets,
      subjects,
      interactions,
      reference,
      asOf,
    } as Parameters<typeof prepareProfile<S, T>>[1]);
    ranker = compileTargets(prepared, env, targets, market.targetGroup);
  };
  const parseTargets = (list: readonly unknown[]) =>
    parseAll(market.targetKind, list, { locale }) as unknown as T[];
  const initial = parseTargets(records);
  checkReferences(resolved, { targets: initial, catalogue: true });
  load(initial);
  // Every call validates a subject: its validator is made now, not in the first call. It is
  // the standalone one (no zod); the first record it cannot decide alone (a code to normalise,
  // text outside the plain ranges, an error) loads zod and compiles the schema's, ≈ 0.1 s.
  compiledValidator(market.subjectKind);
  const parseSubject = (input: unknown) => {
    const subject = parseRecord(market.subjectKind, input, { locale }) as unknown as S;
    checkReferences(resolved, { subjects: [subject], history: false });
    return subject;
  };
  return {
    get targets() {
      return targets;
    },
    get byId() {
      return byId;
    },
    profile: resolved.profile,
    get plan() {
      return ranker.plan;
    },
    locale,
    parseSubject,
    rank(subject, rankOptions) {
      const { k, includeRules, includeIneligible } = resolveRankOptions(rankOptions, 'rank');
      return ranker.rank(parseSubject(subject), { k, includeRules, includeIneligible });
    },
    scorePairs: (list) => ranker.scorePairs(list.map(parseSubject)),
    explain(subject, targetId) {
      const parsed = parseSubject(subject);
      const target = typeof targetId === 'string' ? byId.get(targetId) : undefined;
      if (!target) throw unknownId(market.targetName, targetId, locale);
      return ranker.explain(parsed, target);
    },
    nearMisses(subject, nearMissOptions) {
      const resolvedOptions = resolveNearMissOptions(nearMissOptions);
      const parsed = parseSubject(subject);
      const pairs = targets.map((target) => ({ subject: parsed, target, ...env }));
      return findNearMisses(prepared, parsed.id, pairs, resolvedOptions);
    },
    upsert(list) {
      const parsed = parseTargets(list);
      if (parsed.length === 0) return;
      const next = new Map(byId);
      for (const t of parsed) next.set(t.id, t);
      checkReferences(resolved, { targets: [...next.values()], catalogue: true, history: false });
      load([...next.values()]);
    },
    remove(ids) {
      const drop = new Set([...checkIds(ids, locale)].filter((id) => byId.has(id)));
      if (drop.size > 0) load(targets.filter((t) => !drop.has(t.id)));
      return drop.size;
    },
  };
}

/** Indexed subjects ranked for targets: the generic side of the two indexes. */
export interface SubjectIndex<S, T> {
  readonly subjects: readonly S[];
  readonly profile: Profile<S, T>;
  readonly plan: ProfilePlan;
  readonly locale: Locale;
  /** The prepared profile (for rankings over other catalogues, e.g. a chain's package). */
  readonly prepared: Profile<S, T>;
  readonly env: { asOf: string; locale: Locale; reference: MarketReference };
  parseTarget(input: unknown): T;
  rank(target: unknown, options?: RankOptions, keep?: (subject: S) => boolean): RankedCandidate[];
  /**
   * Explains an indexed subject (by id) with a target: a record, or the id of one of the
   * `targets` option's records. Same profile, preparation and arithmetic as rankings.
   */
  explain(subjectId: unknown, target: unknown): Explanation;
  upsert(records: readonly unknown[]): void;
  remove(ids: readonly string[]): number;
}

/**
 * The generic index: subjects validated and kept in id order, the profile prepared with them
 * as the subjects (targets arrive per call) and compiled ({@link compileSubjects}), kept
 * current on upserts and removals without a rebuild.
 */
export function createSubjectIndex<S extends { id: string }, T extends { id: string }>(
  market: MarketDescription<S, T>,
  records: readonly unknown[],
  options: MatcherOptions<Profile<S, T>> | undefined,
): SubjectIndex<S, T> {
  const resolved = resolveMatcherOptions(options, market.market, market.profile);
  const { asOf, locale, reference, interactions, subjects, targets } = resolved;
  const env = { asOf, locale, reference };
  const parse = (list: readonly unknown[]) =>
    parseAll(market.subjectKind, list, { locale }) as unknown as S[];
  // Preparation reads the subjects only when a part asks for them (learned factors do when there
  // is outcome history, the collaborative factor always): then every record is validated and
  // checked first. Otherwise each chunk of records is validated, checked and encoded while it is
  // still in the processor's cache: one trip through memory per record instead of three.
  let all: S[] | undefined;
  let known: readonly S[] | undefined;
  /** Every record, validated and checked (set only once both passed: a caught throw repeats). */
  const validatedAll = (): S[] => {
    if (all === undefined) {
      const parsed = sortById(parse(records));
      checkReferences(resolved, { subjects: parsed });
      all = parsed;
    }
    return all;
  };
  let prepared: Profile<S, T>;
  try {
    prepared = prepareProfile(resolved.profile, {
      targets: [],
      get subjects() {
        return (known ??= mergeSubjects(validatedAll(), subjects));
      },
      interactions,
      reference,
      asOf,
      historyTargets: targets,
    } as Parameters<typeof prepareProfile<S, T>>[1]);
  } catch (error) {
    // Bad records are reported before a part's preparation failure, as when they were
    // validated first.
    validatedAll();
    throw error;
  }
  let ranker: SubjectRanker<S, T>;
  if (all !== undefined) ranker = compileSubjects(prepared, env, all, market.subjectGroup);
  else {
    const feed = validatedFeed<S>(market.subjectKind, records, locale, (chunk) =>
      checkReferences(resolved, { subjects: chunk, history: false }),
    );
    ranker = compileSubjects(prepared, env, feed, market.subjectGroup);
    // Every record valid: the reference check of all of them (its one error, with every issue)
    // when some chunk failed it, else of the matcher's own history only.
    checkReferences(resolved, { subjects: feed.failedCheck() ? ranker.subjects : [] });
  }
  // Every call validates a target: its validator is made now, not in the first call. It is
  // the standalone one (no zod); the first record it cannot decide alone (a code to normalise,
  // text outside the plain ranges, an error) loads zod and compiles the schema's, ≈ 0.1 s.
  compiledValidator(market.targetKind);
  warmUpIndex(market.market, resolved.profile, locale, ranker);
  const parseTarget = (input: unknown) => {
    const target = parseRecord(market.targetKind, input, { locale }) as unknown as T;
    checkReferences(resolved, { targets: [target], history: false });
    return target;
  };
  const knownTargets = new Map(targets.map((t) => [t.id, t]));
  return {
    get subjects() {
      return ranker.subjects;
    },
    profile: resolved.profile,
    plan: ranker.plan,
    locale,
    prepared,
    env,
    parseTarget,
    rank(target, rankOptions, keep) {
      const call = market.market === 'enterpriseProduct' ? 'prospect' : 'index';
      const { k, includeRules } = resolveRankOptions(rankOptions, call, reference);
      return ranker.rank(parseTarget(target), { k, includeRules, ...(keep ? { keep } : {}) });
    },
    explain(subjectId, target) {
      const subject = typeof subjectId === 'string' ? ranker.find(subjectId) : undefined;
      if (!subject) throw unknownId(market.subjectName, subjectId, locale);
      let record: T | undefined;
      if (typeof target === 'string') {
        record = knownTargets.get(target);
        if (!record) throw unknownId(market.targetName, target, locale);
      } else record = parseTarget(target);
      return ranker.explain(subject, record);
    },
    upsert: (list) => {
      const parsed = parse(list);
      checkReferences(resolved, { subjects: parsed, history: false });
      ranker.upsert(parsed);
    },
    remove: (ids) => ranker.remove(checkIds(ids, locale)),
  };
}

/** A {@link ChunkedFeed} that validates `records` as it is read; see {@link validatedFeed}. */
interface ValidatedFeed<S> extends ChunkedFeed<S> {
  /** Whether `check` threw for some chunk. */
  failedCheck(): boolean;
}

/**
 * The valid records of `records`, validated chunk by chunk ({@link FEED_CHUNK} records each) as
 * the feed is read, each chunk then passed to `check` (whose throw only marks the feed, see
 * {@link ValidatedFeed.failedCheck}) before its records are produced. Once a record is invalid nothing more is produced, but every
 * record is still validated: at the end the feed throws the {@link ValidationError} that
 * `parseAll` throws for the same records. Not an array: the same error `parseAll` throws.
 */
function validatedFeed<S>(
  kind: RecordKind,
  records: readonly unknown[],
  locale: Locale,
  check: (chunk: readonly S[]) => void,
): ValidatedFeed<S> {
  const length = BatchValidator.lengthOf(kind, records, locale);
  let failed = false;
  return {
    length,
    failedCheck: () => failed,
    *chunks() {
      const batch = new BatchValidator(kind, locale);
      const parsed: RecordByKind[RecordKind][] = [];
      // The records of `kind` are the market's subjects.
      const chunk = parsed as unknown as S[];
      for (let start = 0; start < length; start += FEED_CHUNK) {
        const end = Math.min(length, start + FEED_CHUNK);
        parsed.length = 0;
        batch.validateInto(records, start, end, parsed);
        if (batch.errors.length > 0) continue;
        try {
          check(chunk);
        } catch {
          failed = true;
        }
        yield chunk;
      }
      const error = batch.error();
      if (error) throw error;
    },
  };
}

/**
 * The `text` factor: how well a target's description fits a subject's, for both markets.
 *
 * - enterprise → product: subject text = `enterprise.text` + words of `need.purpose`
 *   ({@link PURPOSE_KEYWORDS}); target text = `product.name` + `product.text`.
 * - project → investor: subject text = `project.text`; target text = `investor.thesis`.
 *
 * `prepare({ targets })` indexes the target catalogue (targets are the documents, the subject's
 * text is the query) and returns the bound factor; the unbound factor throws if scored.
 *
 * Methods (`method` option):
 * - `bm25`: BM25 of the subject's tokens against the target, divided by the query's
 *   **self-score** (the query scored as a document of the same index, counting only terms the
 *   catalogue contains) and clamped to 1. The self-score is what a target repeating the
 *   subject's known vocabulary would get, so 1 means "says everything the subject says that any
 *   product could say"; a short target saturating on a few rare terms can reach it, hence the
 *   clamp. Per subject, every target's score is computed in one pass over the postings and
 *   cached, so scoring a pair is a map lookup.
 * - `lsa`: max(0, cos) of the LSA embeddings ({@link createLsaModel}); catches related wording.
 * - `hybrid`: `hybridWeight · bm25 + (1 − hybridWeight) · lsa`.
 *
 * Abstains (`null`) when the subject has no text (or only stop words). A target without text
 * scores 0. Targets not seen by `prepare` are scored with the index's statistics; prepared
 * targets are identified by `id`.
 *
 * **Corpus.** The index is built over `targets`. An index over subjects (`createEnterpriseIndex`,
 * `createProjectIndex`) prepares its factors once with no targets, since products arrive per
 * call; the factor then indexes the **subjects' texts** instead (the statistics of the
 * vocabulary the subjects use) and scores every target as an unseen document against them. So a
 * pair's text fit depends on the corpus, as BM25 and LSA statistics always do: an enterprise
 * index and a product matcher can give the same pair different values. With neither targets nor
 * subjects there are no statistics and the factor abstains on every pair.
 *
 * **Fast path.** With `method: 'lsa'` the prepared factor declares a `vectors` hook: subject
 * vector = the folded-in embedding of the subject's text (`null`, i.e. abstain, when it has no
 * text), target vector = the product's (investor's) embedding, map = {@link cosineFit}. `score`
 * runs the same {@link embeddingDot} over the same Float32 vectors, so both paths give the same
 * bits. `bm25` and `hybrid` declare no hook (BM25 is not a dot product of fixed vectors) and run
 * on the reference path.
 *
 * Records are treated as immutable while a factor is in use: each subject's tokens, BM25 table
 * and embedding are memoised by object identity (re-checked against `text` and `need`), so a
 * pair costs one `WeakMap` and one `Map` lookup (BM25) or a k-dimensional dot product (LSA).
 *
 * @module
 */
import { describeValue } from '../util/describe.js';
import { functionOption, readOptions } from '../util/options.js';
import { ProfileError } from '../errors.js';
import type { Factor, PairContext, PrepareContext, VectorHook } from '../engine/types.js';
import type { Purpose } from '../model/enums.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../model/types.js';
import { createBm25Index, resolveBm25Params, type Bm25Index, type Bm25Params } from './bm25.js';
import { DEFAULT_CACHE_LIMITS, createTextCache, type CacheStats } from './cache.js';
import type { TextIndexOptions } from './corpus.js';
import {
  DEFAULT_LSA_OPTIONS,
  cosineFit,
  createLsaModel,
  embeddingDot,
  type LsaModel,
  type LsaOptions,
} from './lsa.js';
import { DEFAULT_TOKENIZE_OPTIONS, createTokenizer, type TokenizeOptions } from './tokenize.js';
import { specField } from '../engine/part-spec.js';

/** How the text factor compares texts. */
export type TextMethod = 'bm25' | 'lsa' | 'hybrid';

/** What the text factor reads from a subject (an {@link Enterprise} or a {@link Project}). */
export interface TextSubject {
  text: string;
  /** An enterprise's need; its `purpose` adds {@link PURPOSE_KEYWORDS} (a project's need has none). */
  need?: object;
}

/** What the text factor reads from a target (a {@link FinancialProduct} or an {@link Investor}). */
export interface TextTarget {
  id: string;
  name: string;
  /** A product's description. */
  text?: string;
  /** An investor's thesis; when present it is the whole target text. */
  thesis?: string;
}

/**
 * Words added to an enterprise's text for the purpose of its need, in the words product
 * descriptions use (Chinese first, English second).
 */
export const PURPOSE_KEYWORDS: Readonly<Record<Purpose, string>> = Object.freeze({
  workingCapital: '流动资金 周转 working capital',
  equipment: '设备 购置 equipment purchase',
  rnd: '研发 科技研发 research development',
  digitalTransformation: '数字化转型 智能化改造 digital transformation',
  techConversion: '科技成果转化 技术转让 technology transfer',
  expansion: '扩产 产能扩张 capacity expansion',
  mna: '并购 重组 merger acquisition',
  listing: '上市 挂牌 IPO listing',
  refinancing: '续贷 转贷 再融资 refinancing',
  green: '绿色 节能减排 低碳 green',
});

/** Options of {@link textFactor}. */
export interface TextFactorOptions<S extends TextSubject, T extends TextTarget> {
  /** Default `bm25`: exact wording, cheapest to prepare. */
  method: TextMethod;
  /** BM25 parameters. Default {@link DEFAULT_BM25_PARAMS}. */
  bm25: Partial<Bm25Params>;
  /** LSA options (used by `lsa` and `hybrid`). Default {@link DEFAULT_LSA_OPTIONS}. */
  lsa: Partial<Omit<LsaOptions, keyof TextIndexOptions>>;
  /** Share of BM25 in `hybrid`, in [0, 1]. Default 0.5. */
  hybridWeight: number;
  /** Tokenizer options. Default {@link DEFAULT_TOKENIZE_OPTIONS}. */
  tokenize: Partial<TokenizeOptions>;
  /** Limits of the factor's caches. Default {@link DEFAULT_CACHE_LIMITS}. */
  cache: Partial<typeof DEFAULT_CACHE_LIMITS>;
  /** The subject's text. Default {@link defaultSubjectText}. */
  subjectText(subject: S): string;
  /** The target's text. Default {@link defaultTargetText}. */
  targetText(target: T): string;
}

/** Defaults of {@link TextFactorOptions} (besides the text accessors). */
export const DEFAULT_TEXT_FACTOR_OPTIONS = Object.freeze({
  method: 'bm25' as TextMethod,
  hybridWeight: 0.5,
});

/** Subject text: `text`, plus the need's purpose words when the text is not empty. */
export function defaultSubjectText(subject: TextSubject): string {
  if (subject.text.trim() === '') return '';
  const purpose = purposeOf(subject.need);
  return purpose ? `${subject.text} ${PURPOSE_KEYWORDS[purpose]}` : subject.text;
}

function purposeOf(need: object | undefined): Purpose | undefined {
  if (!need || !('purpose' in need)) return undefined;
  const purpose = need.purpose;
  return typeof purpose === 'string' && Object.hasOwn(PURPOSE_KEYWORDS, purpose)
    ? (purpose as Purpose)
    : undefined;
}

/** Target text: an investor's `thesis`, or a product's `name` and `text`. */
export function defaultTargetText(target: TextTarget): string {
  if (target.thesis !== undefined) return target.thesis;
  return `${target.name} ${target.text ?? ''}`;
}

/** Cache statistics of a prepared text factor. */
export interface TextFactorCacheStats {
  /** Tokenised subject and target texts. */
  tokens: CacheStats;
  /** Per-subject BM25 score tables (one per distinct subject text). */
  queries: CacheStats;
  /** LSA embeddings of subject texts (and of targets not seen by `prepare`). */
  embeddings: CacheStats;
}

/** The unbound text factor; `prepare` returns a {@link PreparedTextFactor}. */
export interface TextFactor<S extends TextSubject, T extends TextTarget> extends Factor<S, T> {
  prepare(ctx: PrepareContext<S, T>): PreparedTextFactor<S, T>;
}

/**
 * What a prepared text factor indexed (see the module comment):
 * - `targets`: the catalogue given to `prepare` (documents identified by target `id`);
 * - `subjects`: no targets were given, so the subjects' non-blank texts (document `#i` is
 *   `subjects[i]`); every target is scored as an unseen document;
 * - `none`: neither was given (or every subject text is blank); the factor abstains on every
 *   pair.
 */
export type TextCorpus = 'targets' | 'subjects' | 'none';

/** A text factor bound to a target catalogue. */
export interface PreparedTextFactor<S extends TextSubject, T extends TextTarget> extends Factor<
  S,
  T
> {
  readonly method: TextMethod;
  /** What the indexes were built over. */
  readonly corpus: TextCorpus;
  /** The BM25 index of the corpus (`bm25` and `hybrid`). */
  readonly bm25Index: Bm25Index | undefined;
  /** The LSA model of the corpus (`lsa` and `hybrid`). */
  readonly lsaModel: LsaModel | undefined;
  /** Fast-path hook, with `method: 'lsa'` only: see the module comment. */
  readonly vectors: VectorHook<S, T> | undefined;
  cacheStats(): TextFactorCacheStats;
}

const DESCRIPTION = {
  zh: '文本匹配：企业/项目描述与产品/投资方向描述的相关度',
  en: 'text fit: how well the description of the product or investor matches the enterprise or project',
};

/** The keys of each part of the text factor's options; any other key is an OptionError. */
const TEXT_OPTION_KEYS = {
  top: ['method', 'bm25', 'lsa', 'hybridWeight', 'tokenize', 'cache', 'subjectText', 'targetText'],
  bm25: ['k1', 'b', 'delta'],
  lsa: ['dimensions', 'minDocumentFrequency', 'singularValueExponent', 'algorithm', 'sublinearTf'],
  tokenize: ['cjkBigrams', 'stem', 'stopWords', 'minLatinLength'],
  cache: ['maxEntries', 'maxSize'],
} as const;

/**
 * The text factor's options with every key checked (top level and inside `bm25`, `lsa`,
 * `tokenize` and `cache`, paths such as `lsa.dimensions`), the text functions checked to be
 * functions; values are checked where they are used. A plain copy, as it is also the spec.
 *
 * @throws `OptionError` on an unknown key (with a did-you-mean) or a part of the wrong type.
 */
function checkTextFactorOptions<S extends TextSubject, T extends TextTarget>(
  options: unknown,
): Partial<TextFactorOptions<S, T>> {
  const o = { ...readOptions(options, TEXT_OPTION_KEYS.top) };
  for (const part of ['bm25', 'lsa', 'tokenize', 'cache'] as const)
    if (o[part] !== undefined) o[part] = { ...readOptions(o[part], TEXT_OPTION_KEYS[part], part) };
  functionOption(o.subjectText, 'subjectText');
  functionOption(o.targetText, 'targetText');
  return o as Partial<TextFactorOptions<S, T>>;
}

/**
 * Makes the `text` factor.
 *
 * @example
 * const text = textFactor({ method: 'hybrid' }).prepare({ targets: products, reference: {} });
 * text.score({ subject: enterprise, target: product, asOf, locale: 'zh', reference: {} }); // in [0, 1]
 */
export function textFactor<
  S extends TextSubject = Enterprise | Project,
  T extends TextTarget = FinancialProduct | Investor,
>(factorOptions?: Partial<TextFactorOptions<S, T>>): TextFactor<S, T> {
  const options = checkTextFactorOptions<S, T>(factorOptions);
  const method = options.method ?? DEFAULT_TEXT_FACTOR_OPTIONS.method;
  if (!['bm25', 'lsa', 'hybrid'].includes(method))
    throw new ProfileError(
      `textFactor: method must be 'bm25', 'lsa' or 'hybrid', received ${describeValue(method)}`,
    );
  const hybridWeight = options.hybridWeight ?? DEFAULT_TEXT_FACTOR_OPTIONS.hybridWeight;
  if (!(hybridWeight >= 0 && hybridWeight <= 1))
    throw new ProfileError(
      `textFactor: hybridWeight must be in [0, 1], received ${describeValue(hybridWeight)}`,
    );
  const bm25Params = resolveBm25Params(options.bm25);
  const subjectText = options.subjectText ?? defaultSubjectText;
  const targetText = options.targetText ?? defaultTargetText;
  const limits = { ...DEFAULT_CACHE_LIMITS, ...options.cache };

  return {
    name: 'text',
    ...specField('text', options),
    description: DESCRIPTION,
    side: 'both',
    score(): never {
      throw new ProfileError(
        'textFactor must be prepared (factor.prepare({ targets })) before it can score pairs',
      );
    },
    prepare({ targets, subjects: subjectRecords }) {
      const tokenizer = createTokenizer({ ...DEFAULT_TOKENIZE_OPTIONS, ...options.tokenize });
      const tokenCache = createTextCache<readonly string[]>({ ...limits, sizeOf: (t) => t.length });
      const tokens = (text: string): readonly string[] => tokenCache.get(text, tokenizer);
      // The indexes share the factor's token cache through this tokenizer.
      const indexOptions: TextIndexOptions = {
        tokenizer: (text) => [...tokens(text)],
        cache: limits,
      };
      // Only a target catalogue identifies documents by target id; subject documents get ids
      // that no lookup by target id may hit, and blank subject texts are left out (they would
      // only dilute the statistics).
      const targetsIndexed = targets.length > 0;
      const docs = targetsIndexed
        ? targets.map((target) => ({ id: target.id, text: targetText(target) }))
        : (subjectRecords ?? []).flatMap((subject, i) => {
            const text = subjectText(subject);
            return text.trim() === '' ? [] : [{ id: `#${i}`, text }];
          });
      const corpus: TextCorpus = targetsIndexed ? 'targets' : docs.length > 0 ? 'subjects' : 'none';
      const bm25Index =
        method === 'lsa' || corpus === 'none'
          ? undefined
          : createBm25Index(docs, bm25Params, indexOptions);
      const lsaModel =
        method === 'bm25' || corpus === 'none'
          ? undefined
          : createLsaModel(docs, { ...DEFAULT_LSA_OPTIONS, ...options.lsa, ...indexOptions });
      const scoreTables = createTextCache<{ scores: Map<string, number>; self: number }>({
        ...limits,
        sizeOf: (table) => table.scores.size + 1,
      });
      const embeddings = createTextCache<Float32Array>({ ...limits, sizeOf: (v) => v.length });

      type ScoreTable = { scores: Map<string, number>; self: number };
      /** What one subject's text compiles to, memoised per subject object. */
      interface SubjectEntry {
        text: string;
        need: object | undefined;
        /** `null` when the factor abstains for this subject. */
        queryTokens: readonly string[] | null;
        table: ScoreTable | undefined;
        embedding: Float32Array | undefined;
      }
      // Records are immutable during a ranking, so per-subject work is keyed by object identity
      // (checked against `text` and `need`); the LRU caches behind it share work between
      // equal texts and across rankings.
      const subjects = new WeakMap<object, SubjectEntry>();
      let lastSubject: object | undefined;
      let lastEntry: SubjectEntry | undefined;
      const entryOf = (subject: S): SubjectEntry => {
        // Pairs usually come subject by subject, so the previous subject is checked first.
        const cached = lastSubject === subject ? lastEntry : subjects.get(subject);
        if (cached && cached.text === subject.text && cached.need === subject.need) {
          lastSubject = subject;
          lastEntry = cached;
          return cached;
        }
        const query = subjectText(subject);
        const queryTokens = query.trim() === '' ? [] : tokens(query);
        const entry: SubjectEntry = {
          text: subject.text,
          need: subject.need,
          queryTokens: queryTokens.length === 0 ? null : queryTokens,
          table: undefined,
          embedding: undefined,
        };
        if (entry.queryTokens && bm25Index) {
          const index = bm25Index;
          const known = entry.queryTokens;
          entry.table = scoreTables.get(query, () => ({
            // Over a subject corpus every target is unseen: no per-document table to look up.
            scores: targetsIndexed ? index.scores(known) : new Map<string, number>(),
            self: index.selfScore(known),
          }));
        }
        if (entry.queryTokens && lsaModel) {
          const model = lsaModel;
          const known = entry.queryTokens;
          entry.embedding = embeddings.get(query, () => model.embedTokens(known));
        }
        subjects.set(subject, entry);
        lastSubject = subject;
        lastEntry = entry;
        return entry;
      };
      const bm25 = (index: Bm25Index, entry: SubjectEntry, target: T): number => {
        const table = entry.table as ScoreTable;
        if (table.self <= 0) return 0;
        if (targetsIndexed) {
          const raw = table.scores.get(target.id);
          if (raw !== undefined) return Math.min(1, raw / table.self);
          if (index.has(target.id)) return 0;
        }
        const unseen = index.scoreTokens(entry.queryTokens ?? [], tokens(targetText(target)));
        return Math.min(1, unseen / table.self);
      };
      const targetEmbedding = (model: LsaModel, target: T): Float32Array => {
        if (targetsIndexed && model.has(target.id)) return model.embedding(target.id);
        const text = targetText(target);
        return embeddings.get(text, () => model.embedTokens(tokens(text)));
      };
      // The one arithmetic of the LSA fit, shared by `score` and the vector hook.
      const lsa = (model: LsaModel, entry: SubjectEntry, target: T): number =>
        cosineFit(embeddingDot(entry.embedding as Float32Array, targetEmbedding(model, target)));
      const vectors: VectorHook<S, T> | undefined =
        method === 'lsa'
          ? {
              dimension: lsaModel?.dimensions ?? 0,
              subjectVector(subject) {
                if (!lsaModel) return null;
                const entry = entryOf(subject);
                return entry.queryTokens === null ? null : (entry.embedding as Float32Array);
              },
              targetVector: (target) => (lsaModel ? targetEmbedding(lsaModel, target) : null),
              map: cosineFit,
            }
          : undefined;

      return {
        name: 'text',
        description: DESCRIPTION,
        side: 'both',
        method,
        corpus,
        bm25Index,
        lsaModel,
        vectors,
        score({ subject, target }: PairContext<S, T>) {
          if (corpus === 'none') return null;
          const entry = entryOf(subject);
          if (entry.queryTokens === null) return null;
          if (method === 'bm25') return bm25(bm25Index as Bm25Index, entry, target);
          if (method === 'lsa') return lsa(lsaModel as LsaModel, entry, target);
          return (
            hybridWeight * bm25(bm25Index as Bm25Index, entry, target) +
            (1 - hybridWeight) * lsa(lsaModel as LsaModel, entry, target)
          );
        },
        cacheStats: () => ({
          tokens: tokenCache.stats(),
          queries: scoreTables.stats(),
          embeddings: embeddings.stats(),
        }),
      };
    },
  };
}

/**
 * `finmatch/text`: tokenising of Chinese and English free text, BM25 and TF–IDF retrieval, LSA
 * embeddings, bounded caches and the `text` factor.
 *
 * Importing this entry does not load `ml-matrix`: it is required on first use (the first LSA
 * fit). English words are split and Porter-stemmed by finmatch's own code (no dependency).
 *
 * @packageDocumentation
 */
export {
  CHINESE_STOP_WORDS,
  ENGLISH_STOP_WORDS,
  DOMAIN_FILLER_WORDS,
  STOP_WORDS,
} from './stopwords.js';
export {
  DEFAULT_TOKENIZE_OPTIONS,
  tokenize,
  createTokenizer,
  normalizeText,
  type TokenizeOptions,
  type Tokenizer,
} from './tokenize.js';
export { englishWords, porterStem } from './english.js';
export {
  DEFAULT_CACHE_LIMITS,
  createTextCache,
  type CacheStats,
  type TextCache,
  type TextCacheOptions,
} from './cache.js';
export type { TextDocument, SearchHit, TextIndexOptions, IndexCacheStats } from './corpus.js';
export {
  DEFAULT_BM25_PARAMS,
  createBm25Index,
  resolveBm25Params,
  type Bm25Index,
  type Bm25Params,
} from './bm25.js';
export {
  DEFAULT_TFIDF_PARAMS,
  createTfidfIndex,
  smoothIdf,
  tfWeight,
  type TfidfIndex,
  type TfidfParams,
  type SparseVector,
} from './tfidf.js';
export {
  DEFAULT_LSA_OPTIONS,
  LSA_DIRECT_MAX_SIDE,
  LSA_RANDOMIZED,
  createLsaModel,
  cosineSimilarity,
  type LsaModel,
  type LsaOptions,
  type LsaAlgorithm,
  type LsaCacheStats,
} from './lsa.js';
export {
  DEFAULT_TEXT_FACTOR_OPTIONS,
  PURPOSE_KEYWORDS,
  textFactor,
  defaultSubjectText,
  defaultTargetText,
  type TextFactor,
  type PreparedTextFactor,
  type TextFactorOptions,
  type TextFactorCacheStats,
  type TextMethod,
  type TextSubject,
  type TextTarget,
} from './factor.js';

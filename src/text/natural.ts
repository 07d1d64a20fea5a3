/**
 * Lazy access to the two leaf modules of `natural` that finmatch uses: the aggressive
 * tokenizer and the Porter stemmer.
 *
 * `natural`'s root entry loads database drivers (mongoose, pg, redis), takes about a second and
 * prints dotenv banners, so it is never imported. The two leaf files below only require
 * `tokenizer.js`, `stemmer.js` and `util/stopwords.js` (measured: ≈3 ms, no output), and are
 * loaded with `createRequire` on first use, so importing `finmatch/text` does not load them.
 *
 * @module
 */
import { createRequire } from 'node:module';

/** Module path of natural's aggressive (English) tokenizer. */
export const NATURAL_TOKENIZER_MODULE = 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
/** Module path of natural's Porter stemmer. */
export const NATURAL_STEMMER_MODULE = 'natural/lib/natural/stemmers/porter_stemmer.js';

/** The part of natural's `AggressiveTokenizer` class finmatch uses (natural ships no usable types for leaf files). */
interface AggressiveTokenizerInstance {
  tokenize(text: string): string[];
}
type AggressiveTokenizerClass = new () => AggressiveTokenizerInstance;

/** The part of natural's `PorterStemmer` object finmatch uses. */
interface PorterStemmerModule {
  stem(token: string): string;
}

/** English tokenising and stemming, backed by natural's leaf modules. */
export interface EnglishAnalyzer {
  /** Splits on anything but letters, digits, `'`, `-` and `/`. */
  tokenize(text: string): string[];
  /** Porter stem of a lower-case word. */
  stem(token: string): string;
}

let analyzer: EnglishAnalyzer | undefined;

/** Loads natural's leaf modules on first call; later calls return the same analyzer. */
export function englishAnalyzer(): EnglishAnalyzer {
  if (analyzer) return analyzer;
  const require = createRequire(import.meta.url);
  const Tokenizer = require(NATURAL_TOKENIZER_MODULE) as AggressiveTokenizerClass;
  const stemmer = require(NATURAL_STEMMER_MODULE) as PorterStemmerModule;
  const tokenizer = new Tokenizer();
  analyzer = {
    tokenize: (text) => tokenizer.tokenize(text),
    stem: (token) => stemmer.stem(token),
  };
  return analyzer;
}

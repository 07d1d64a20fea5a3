/**
 * Tokenising of mixed Chinese/English free text.
 *
 * 1. **Normalise**: Unicode NFKC (full-width `ＴＲＬ６` → `TRL6`, `，` → `,`) and lower case.
 * 2. **Split into script runs**: runs of Han characters and everything else.
 * 3. **Chinese runs** are segmented into words with `Intl.Segmenter('zh', { granularity: 'word' })`
 *    (ICU's dictionary, built into Node; no dependency). Multi-character words are kept;
 *    single characters are dropped because ICU emits them for fragments it does not know
 *    (`专精|特|新`, `中|试|线`). To be robust to such splits, character **bigrams** of the run
 *    are added (`特新`, `中试`, `试线`), except those equal to a word already emitted at the same
 *    place and those containing a stop character; see {@link TokenizeOptions.cjkBigrams}.
 * 4. **Other runs** are split into words of ASCII letters, digits, `'`, `-` and `/`
 *    ({@link englishWords}), then on `-`, `/` and `'`, and purely alphabetic words are
 *    Porter-stemmed ({@link porterStem}). Codes and
 *    numbers are kept as they are (`c3911`, `5g`, `trl6`, `2026`).
 * 5. Stop words ({@link STOP_WORDS}) are removed, before stemming and again after it (a stem
 *    can be one: `iing` → `i`).
 *
 * @example
 * tokenize('专精特新小巨人企业，专注精密减速器研发')
 * // ['专精', '特新', '巨人', '企业', '专注', '精密', '减速', '速器', '研发']
 *
 * @module
 */
import { englishWords, porterStem } from './english.js';
import { STOP_WORDS } from './stopwords.js';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /**
   * Add character bigrams of Han runs (besides the segmented words). Makes matching robust to
   * the segmenter splitting a term differently in two texts (`减速器` → `减速|器`); costs about
   * twice as many Chinese tokens. Default `true`.
   */
  cjkBigrams: boolean;
  /** Porter-stem alphabetic English words (`financing` → `financ`). Default `true`. */
  stem: boolean;
  /**
   * Words removed after normalisation, before stemming and again after it. Default
   * {@link STOP_WORDS}.
   */
  stopWords: ReadonlySet<string>;
  /**
   * Shortest Latin-script token kept, in characters. Default `2`: single letters left by
   * splitting (`R&D` → `r`, `d`) carry no meaning; single digits are kept regardless.
   */
  minLatinLength: number;
}

/** Defaults of {@link TokenizeOptions}. */
export const DEFAULT_TOKENIZE_OPTIONS: Readonly<TokenizeOptions> = Object.freeze({
  cjkBigrams: true,
  stem: true,
  stopWords: STOP_WORDS,
  minLatinLength: 2,
});

/** A function from text to tokens, in text order, duplicates kept (term frequencies matter). */
export type Tokenizer = (text: string) => string[];

const HAN_RUN = /\p{Script=Han}+/gu;
const ALPHABETIC = /^[a-z]+$/;
const DIGITS = /^[0-9]+$/;
/** A run holding a Latin letter or digit (one RegExp object: a literal in a function is one per call). */
const LATIN_OR_DIGIT = /[a-z0-9]/;
/** What splits a word into parts: apostrophes, hyphens, slashes. */
const WORD_JOINERS = /['\-/]+/;

let segmenter: Intl.Segmenter | undefined;
function chineseSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** NFKC (full-width → half-width) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Splits `text` into tokens (see the module comment for the steps).
 *
 * @param text - Chinese, English or mixed free text.
 * @param options - Overrides of {@link DEFAULT_TOKENIZE_OPTIONS}.
 */
export function tokenize(text: string, options: Partial<TokenizeOptions> = {}): string[] {
  const opts = resolveTokenizeOptions(options);
  const tokens: string[] = [];
  const normalized = normalizeText(text);
  let last = 0;
  for (const match of normalized.matchAll(HAN_RUN)) {
    const start = match.index;
    if (start > last) latinTokens(normalized.slice(last, start), opts, tokens);
    hanTokens(match[0], opts, tokens);
    last = start + match[0].length;
  }
  if (last < normalized.length) latinTokens(normalized.slice(last), opts, tokens);
  return tokens;
}

/** A tokenizer with fixed options (validated once). */
export function createTokenizer(options: Partial<TokenizeOptions> = {}): Tokenizer {
  const opts = resolveTokenizeOptions(options);
  return (text) => tokenize(text, opts);
}

function resolveTokenizeOptions(options: Partial<TokenizeOptions>): TokenizeOptions {
  if (options === DEFAULT_TOKENIZE_OPTIONS) return DEFAULT_TOKENIZE_OPTIONS;
  return { ...DEFAULT_TOKENIZE_OPTIONS, ...stripUndefined(options) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function hanTokens(run: string, opts: TokenizeOptions, out: string[]): void {
  // Word boundaries of two-character words, so the bigram at the same place is not counted twice.
  const twoCharWordStarts = new Set<number>();
  for (const { segment, index } of chineseSegmenter().segment(run)) {
    if (segment.length < 2 || opts.stopWords.has(segment)) continue;
    out.push(segment);
    if (segment.length === 2) twoCharWordStarts.add(index);
  }
  if (!opts.cjkBigrams) return;
  for (let i = 0; i + 2 <= run.length; i++) {
    if (twoCharWordStarts.has(i)) continue;
    const first = run[i] as string;
    const second = run[i + 1] as string;
    if (opts.stopWords.has(first) || opts.stopWords.has(second)) continue;
    out.push(first + second);
  }
}

function latinTokens(run: string, opts: TokenizeOptions, out: string[]): void {
  if (!LATIN_OR_DIGIT.test(run)) return;
  for (const raw of englishWords(run)) {
    for (const word of raw.split(WORD_JOINERS)) {
      if (word === '') continue;
      if (word.length < opts.minLatinLength && !DIGITS.test(word)) continue;
      if (opts.stopWords.has(word)) continue;
      if (!opts.stem || !ALPHABETIC.test(word)) {
        out.push(word);
        continue;
      }
      // A stem can itself be a stop word or a single letter (`iing` → `i`): drop it as well.
      const stem = porterStem(word);
      if (stem.length < opts.minLatinLength || opts.stopWords.has(stem)) continue;
      out.push(stem);
    }
  }
}

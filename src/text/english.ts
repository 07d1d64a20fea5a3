/**
 * English word splitting and stemming for {@link tokenize}, with no dependency.
 *
 * Until 0.2 these came from two leaf modules of `natural` (its aggressive tokenizer and Porter
 * stemmer); `natural`'s package pulls in database drivers and WordNet (about 50 MB installed),
 * so finmatch now implements both: the splitting rule below and {@link porterStem}.
 * test/text/english.test.ts and test/text/porter-stemmer.test.ts check that they give what
 * `natural` gave.
 *
 * @module
 */
export { porterStem } from './porter-stemmer.js';

/** A word: a run of ASCII letters, digits, `'`, `-` and `/` (anything else separates words). */
const ENGLISH_WORD = /[a-zA-Z0-9'\-/]+/g;

/**
 * Splits `text` into words: maximal runs of ASCII letters, digits, apostrophes, hyphens and
 * slashes, in text order (`"R&D-led, 5G/IoT"` → `['R', 'D-led', '5G/IoT']`). Letters outside
 * ASCII separate words, as they did with `natural`'s aggressive tokenizer.
 *
 * @param text - Free text.
 * @returns The words, possibly none.
 */
export function englishWords(text: string): string[] {
  return text.match(ENGLISH_WORD) ?? [];
}

/**
 * The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", *Program* 14(3),
 * 130–137, 1980), written from the paper's description, with the two departures of Porter's
 * own reference implementation (https://tartarus.org/martin/PorterStemmer/): step 2 maps
 * `-bli` → `-ble` (instead of `-abli` → `-able`) and adds `-logi` → `-log`. These are the
 * rules `natural`'s `PorterStemmer` (used before 0.2) applied; test/text/porter-stemmer.test.ts
 * checks the two agree on every English word of the repository's documents and data sets.
 *
 * Terms of the paper used below: a *consonant* is a letter other than a, e, i, o, u, and other
 * than a `y` preceded by a consonant (a leading `y` is a consonant). A word is `[C](VC)^m[V]`;
 * `m`, the *measure*, counts its vowel–consonant sequences. Each step applies at most one rule:
 * the one with the longest matching suffix, and only when its condition on the stem holds.
 *
 * @module
 */

/** Words this short are returned unchanged (the reference implementation's guard). */
const MIN_STEMMED_LENGTH = 3;

function isConsonant(word: string, i: number): boolean {
  switch (word[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return false;
    case 'y':
      return i === 0 || !isConsonant(word, i - 1);
    default:
      return true;
  }
}

/** `m` of `stem`: the number of vowel→consonant transitions. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && previousVowel) m++;
    previousVowel = !consonant;
  }
  return m;
}

/** `*v*`: the stem contains a vowel. */
function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** `*d`: the stem ends with a double consonant. */
function endsWithDoubleConsonant(stem: string): boolean {
  const n = stem.length;
  return n >= 2 && stem[n - 1] === stem[n - 2] && isConsonant(stem, n - 1);
}

/** `*o`: the stem ends consonant–vowel–consonant, the last consonant not w, x or y. */
function endsCvc(stem: string): boolean {
  const n = stem.length;
  if (n < 3) return false;
  if (!isConsonant(stem, n - 3) || isConsonant(stem, n - 2) || !isConsonant(stem, n - 1))
    return false;
  const last = stem[n - 1];
  return last !== 'w' && last !== 'x' && last !== 'y';
}

/** A suffix rule: replace `suffix` by `replacement` when the stem left satisfies the step's condition. */
type SuffixRule = readonly [suffix: string, replacement: string];

/** Rules of one step, longest suffix first so the first match is the longest one. */
function longestFirst(rules: readonly SuffixRule[]): readonly SuffixRule[] {
  return [...rules].sort((a, b) => b[0].length - a[0].length);
}

/** Step 2 (condition `m > 0`), with the reference implementation's `bli` and `logi`. */
const STEP2_RULES = longestFirst([
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]);

/** Step 3 (condition `m > 0`). */
const STEP3_RULES = longestFirst([
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]);

/** Step 4 suffixes (condition `m > 1`; `ion` also needs the stem to end in `s` or `t`). */
const STEP4_SUFFIXES = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
].sort((a, b) => b.length - a.length);

/** Applies the longest rule whose suffix matches, if `condition` holds for the stem left. */
function applyLongest(
  word: string,
  rules: readonly SuffixRule[],
  condition: (stem: string) => boolean,
): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    return condition(stem) ? stem + replacement : word;
  }
  return word;
}

function step1a(word: string): string {
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function step1b(word: string): string {
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }
  let stem: string | undefined;
  if (word.endsWith('ed')) stem = word.slice(0, -2);
  else if (word.endsWith('ing')) stem = word.slice(0, -3);
  if (stem === undefined || !hasVowel(stem)) return word;
  // The paper's clean-up after removing -ed or -ing.
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  if (endsWithDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

function step1c(word: string): string {
  if (!word.endsWith('y')) return word;
  const stem = word.slice(0, -1);
  return hasVowel(stem) ? `${stem}i` : word;
}

function step4(word: string): string {
  for (const suffix of STEP4_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    if (measure(stem) <= 1) return word;
    if (suffix === 'ion' && !/[st]$/.test(stem)) return word;
    return stem;
  }
  return word;
}

function step5(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) word = stem;
  }
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}

const positiveMeasure = (stem: string): boolean => measure(stem) > 0;

/**
 * Porter stem of a lower-case English word (`financing` → `financ`, `relational` → `relat`).
 * Words of fewer than three letters are returned unchanged; so are characters outside `a`–`z`,
 * which the algorithm treats as consonants (callers stem purely alphabetic tokens only).
 *
 * @param word - One lower-case word.
 * @returns Its stem.
 */
export function porterStem(word: string): string {
  if (word.length < MIN_STEMMED_LENGTH) return word;
  let w = step1a(word);
  w = step1b(w);
  w = step1c(w);
  w = applyLongest(w, STEP2_RULES, positiveMeasure);
  w = applyLongest(w, STEP3_RULES, positiveMeasure);
  w = step4(w);
  return step5(w);
}

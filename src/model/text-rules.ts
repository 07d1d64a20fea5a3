/**
 * What characters ids, names and free text may hold, and how they are normalised.
 *
 * - **Ids** (a record's `id` and every reference to one: `institutionId`, `chainId`, zone
 *   ids, `combinesWith`, `subjectId`, `itemId`…) are normalised to Unicode NFC, so `café`
 *   typed on a Mac (NFD, `e` + U+0301) and on Windows (NFC, `é`) is one id, and they may not
 *   hold a control character (C0, DEL, C1), a bidi mark, embedding, override or isolate, a
 *   zero-width or invisible character, a byte-order mark or an unpaired surrogate: such an id
 *   looks like another one on screen, or cannot be written as UTF-8.
 * - **Names** (`name`, `nameEn`) and custom attribute values are one line of text: NFC, no
 *   control character (tab and line breaks included), no bidi embedding, override or isolate
 *   (they reorder what a reader sees), no unpaired surrogate. Zero-width joiners and
 *   direction marks, which some scripts need, are kept.
 * - **Free text** (`text`, `thesis`): NFC, line breaks normalised to `\n` (CRLF and a lone CR
 *   become LF); tab and newline are the only control characters accepted. Unpaired surrogates
 *   are rejected. Rejecting, not stripping: a character the caller did not mean to send is
 *   reported, never silently changed.
 *
 * @module
 */
import { UNSAFE } from '../util/describe.js';

/** Which rule set a string field follows; see the module comment. */
export type TextRule = 'id' | 'name' | 'text';

/** Characters an id may not hold: {@link UNSAFE} plus the Arabic letter mark. */
const ID_FORBIDDEN = new RegExp(`${UNSAFE.source.slice(0, -1)}\\u061C]`, 'u');

/** Characters a name may not hold: every control, bidi embedding/override/isolate, lone surrogates. */
const NAME_FORBIDDEN = new RegExp(
  // Controls are what this pattern is for.
  // eslint-disable-next-line no-control-regex
  '[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]',
  'u',
);

/** Characters free text may not hold: controls other than tab and newline, lone surrogates. */
const TEXT_FORBIDDEN = new RegExp(
  // eslint-disable-next-line no-control-regex
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF]',
  'u',
);

/**
 * Characters (inclusive code-point ranges) that no rule forbids and that are in Unicode normal
 * form C whatever surrounds them
 * (NFC_Quick_Check = Yes and canonical combining class 0, UAX #15 and DerivedNormalizationProps
 * of the Unicode Character Database; no character here composes with a neighbour): printable
 * ASCII, Latin-1 letters and signs, general punctuation without the quads, spaces and format
 * characters (U+2010–U+2027, U+2030–U+205E: dashes, quotes “”, ellipsis, per mille), CJK
 * symbols and punctuation without the ideographic tone marks U+302A–U+302F (、。《》「」),
 * the CJK Unified Ideographs block, and the fullwidth forms of ASCII and of the currency signs
 * (，：；（）￥). A string made only of them needs neither the forbidden-character scan nor
 * normalisation: one linear pass decides the common case (Chinese names and text, codes).
 * A lookup by id skips the lines made only of them (`io/id-lines.ts`);
 * `test/model/text-rules.test.ts` checks every one against the platform's Unicode data.
 */
export const NFC_SAFE_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x3000, 0x3029],
  [0x3030, 0x303f],
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
  [0xffe0, 0xffe6],
];

/** {@link NFC_SAFE_RANGES} as the body of a regular-expression character class. */
const NFC_SAFE = NFC_SAFE_RANGES.map(
  ([lo, hi]) => `\\u${lo.toString(16).padStart(4, '0')}-\\u${hi.toString(16).padStart(4, '0')}`,
).join('');

/** One line of {@link NFC_SAFE} characters: the plain form of ids and names alike. */
const PLAIN_LINE = new RegExp(`^[${NFC_SAFE}]*$`);

/** Per rule: the string is made only of {@link NFC_SAFE} characters (and tab, LF for text). */
const PLAIN: Readonly<Record<TextRule, RegExp>> = {
  id: PLAIN_LINE,
  name: PLAIN_LINE,
  text: new RegExp(`^[\t\n${NFC_SAFE}]*$`),
};

/**
 * True when `value` holds only characters rule `rule` accepts that are NFC whatever surrounds
 * them (no CR for text): such a string is valid and already normal. Internal (and tested).
 */
export function isPlainText(value: string, rule: TextRule): boolean {
  if (value === lastPlain && rule === lastPlainRule) return true;
  if (!PLAIN[rule].test(value)) return false;
  lastPlain = value;
  lastPlainRule = rule;
  return true;
}

/**
 * The last string {@link isPlainText} found plain, and its rule: a field's safety check and
 * its normalising transform ask about the same string one after the other.
 */
let lastPlain: string | undefined;
let lastPlainRule: TextRule | undefined;

const FORBIDDEN: Readonly<Record<TextRule, RegExp>> = {
  id: ID_FORBIDDEN,
  name: NAME_FORBIDDEN,
  text: TEXT_FORBIDDEN,
};

/** A character a field may not hold: where it is and what it is. */
export interface UnsafeCharacter {
  /** The code point as `U+202E`. */
  codePoint: string;
  /** Position in the string, in UTF-16 code units, from 0. */
  index: number;
  /** What kind of character it is, in English (`a bidi override`, `a C1 control`…). */
  kind: string;
}

/**
 * The first character of `value` that rule `rule` forbids, or `undefined`. For `text`,
 * line breaks are normalised first (a CR is not reported).
 */
export function findUnsafeCharacter(value: string, rule: TextRule): UnsafeCharacter | undefined {
  if (isPlainText(value, rule)) return undefined;
  const subject = rule === 'text' ? normalizeLineBreaks(value) : value;
  const match = FORBIDDEN[rule].exec(subject);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  return {
    codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    index: match.index,
    kind: characterKind(code),
  };
}

/** `value` in the normal form its rule asks for: NFC, and for `text` LF line breaks. */
export function normalizeField(value: string, rule: TextRule): string {
  // Only NFC-stable characters and no CR: already in normal form.
  if (isPlainText(value, rule)) return value;
  const lines = rule === 'text' ? normalizeLineBreaks(value) : value;
  // Pure ASCII is already NFC; skipping normalize keeps parsing large files fast.
  return isAsciiText(lines) ? lines : lines.normalize('NFC');
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007F]*$/;

/** Whether every character of `text` is ASCII (such text is its own NFC). */
export function isAsciiText(text: string): boolean {
  return ASCII.test(text);
}

function normalizeLineBreaks(value: string): string {
  return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
}

function characterKind(code: number): string {
  if (code <= 0x1f || code === 0x7f) return 'a control character';
  if (code >= 0x80 && code <= 0x9f) return 'a C1 control character';
  if (code >= 0xd800 && code <= 0xdfff) return 'an unpaired surrogate';
  if (code === 0x202a || code === 0x202b || code === 0x202d || code === 0x202e)
    return 'a bidi embedding or override';
  if (code === 0x202c) return 'a bidi pop';
  if (code >= 0x2066 && code <= 0x2069) return 'a bidi isolate';
  if (code === 0x200e || code === 0x200f || code === 0x061c) return 'a direction mark';
  if (code === 0x2028 || code === 0x2029) return 'a line or paragraph separator';
  if (code === 0xfeff) return 'a byte-order mark (zero-width no-break space)';
  return 'a zero-width or invisible character';
}

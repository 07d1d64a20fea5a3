/**
 * The plain-text shortcut of the text rules: a string of characters that are NFC whatever
 * surrounds them, and that the rule accepts, skips the forbidden-character scan and
 * normalisation. Checked on every BMP code point against NFC and the unsafe-character list of
 * `util/describe` (an independent definition), and on random strings of plain characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findUnsafeCharacter,
  isPlainText,
  NFC_SAFE_RANGES,
  normalizeField,
  type TextRule,
} from '../../src/model/text-rules.js';
import { UNSAFE } from '../../src/util/describe.js';

const RULES: readonly TextRule[] = ['id', 'name', 'text'];

/** Letters that start canonical compositions (Latin vowels, kana, a Hangul leading jamo). */
const BASES = ['a', 'e', 'o', 'u', 'A', 'C', '\u3046', '\u304B', '\u1100', '\uAC00'];

/** Every BMP code point outside the surrogates that `rule` treats as plain. */
function plainCodePoints(rule: TextRule): number[] {
  const out: number[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (isPlainText(String.fromCharCode(c), rule)) out.push(c);
  }
  return out;
}

describe('plain text (the shortcut of the text rules)', () => {
  it('holds only characters that are NFC, allowed by the rule and not CR', () => {
    for (const rule of RULES) {
      const plain = plainCodePoints(rule);
      // Chinese text is plain: the CJK Unified Ideographs block and its punctuation are in.
      expect(plain.length, rule).toBeGreaterThan(20_000);
      const wrong: string[] = [];
      for (const c of plain) {
        const ch = String.fromCharCode(c);
        UNSAFE.lastIndex = 0;
        const unsafe = UNSAFE.test(ch) && !(rule === 'text' && (ch === '\t' || ch === '\n'));
        if (
          ch.normalize('NFC') !== ch ||
          ch.normalize('NFD').normalize('NFC') !== ch ||
          // Neither composes with a base before it (a + ◌́ = á, う + ◌゙ = ぶ, ᄀ + ᅡ = 가)…
          BASES.some((b) => (b + ch).normalize('NFC') !== b + ch) ||
          // …nor is reordered before a mark of combining class 1 (its own class is 0).
          `a${ch}\u0334`.normalize('NFC') !== `a${ch}\u0334` ||
          unsafe ||
          c === 0x0d
        )
          wrong.push(`U+${c.toString(16).toUpperCase()}`);
      }
      expect(wrong, rule).toEqual([]);
      expect(isPlainText('\t', rule)).toBe(rule === 'text');
      expect(isPlainText('a\r\nb', rule)).toBe(false);
    }
  });

  it('is left unchanged by NFC and has nothing to report, on random plain strings', () => {
    for (const rule of RULES) {
      const plain = plainCodePoints(rule);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...plain), { maxLength: 40 }), (codes) => {
          const value = String.fromCharCode(...codes);
          expect(isPlainText(value, rule)).toBe(true);
          expect(value.normalize('NFC')).toBe(value);
          expect(normalizeField(value, rule)).toBe(value);
          expect(findUnsafeCharacter(value, rule)).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    }
  });

  it('leaves everything else to the full rules: NFD, CR, controls, bidi marks', () => {
    expect(isPlainText('Cafe\u0301', 'name')).toBe(false);
    expect(normalizeField('Cafe\u0301', 'name')).toBe('Café');
    expect(normalizeField('a\r\nb\rc', 'text')).toBe('a\nb\nc');
    expect(findUnsafeCharacter('ab\u202Ecd', 'name')?.codePoint).toBe('U+202E');
    expect(findUnsafeCharacter('a\u200Bb', 'id')?.codePoint).toBe('U+200B');
    expect(findUnsafeCharacter('中文\u0007', 'text')?.codePoint).toBe('U+0007');
    expect(findUnsafeCharacter('徐州达邦文具有限公司（２０２４）', 'name')).toBeUndefined();
  });
});

/** Every code point that is the second or a later one of some character's canonical decomposition. */
function compositionSeconds(): Set<number> {
  const seconds = new Set<number>();
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const nfd = [...String.fromCodePoint(cp).normalize('NFD')];
    for (const c of nfd.slice(1)) seconds.add(c.codePointAt(0)!);
  }
  return seconds;
}

describe('NFC_SAFE_RANGES', () => {
  it('holds no character NFC changes, composes or reorders (checked against the platform’s Unicode data)', () => {
    const seconds = compositionSeconds();
    // Sanity: the data knows the usual suspects.
    expect(seconds.has(0x0301)).toBe(true); // combining acute
    expect(seconds.has(0x1161)).toBe(true); // Hangul vowel jamo
    expect(seconds.has(0x3099)).toBe(true); // kana voiced mark
    const bad: string[] = [];
    for (const [lo, hi] of NFC_SAFE_RANGES)
      for (let cp = lo; cp <= hi; cp++) {
        const c = String.fromCodePoint(cp);
        if (c.normalize('NFC') !== c || /\p{M}/u.test(c) || seconds.has(cp))
          bad.push(cp.toString(16));
      }
    expect(bad).toEqual([]);
    // …and leaves out those that are: canonical singletons, tone marks, compatibility ideographs.
    const inRanges = (cp: number) => NFC_SAFE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
    for (const cp of [0x2000, 0x2001, 0x302a, 0x212b, 0xf900]) expect(inRanges(cp)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englishWords } from '../../src/text/english.js';
import {
  NaturalAggressiveTokenizer,
  SHARED_DATASETS,
  readText,
  textFiles,
} from './natural-reference.js';

const natural = new NaturalAggressiveTokenizer();

describe('englishWords', () => {
  it('splits on anything but ASCII letters, digits, apostrophes, hyphens and slashes', () => {
    expect(englishWords("R&D-led, 5G/IoT lenders' TRL6 — café_bar")).toEqual([
      'R', 'D-led', '5G/IoT', "lenders'", 'TRL6', 'caf', 'bar',
    ]); // prettier-ignore
    expect(englishWords('')).toEqual([]);
    expect(englishWords(' ,;— ')).toEqual([]);
  });

  it("gives natural's aggressive tokenizer's words on any string", () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: fc.constantFrom(..."aZ9 -/'_,.&é专\n\t"), maxLength: 60 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(englishWords(t)).toEqual(natural.tokenize(t));
      }),
      { numRuns: 5_000, seed: 13 },
    );
  });

  it("gives natural's words on every line of the repository's documents and the shared data sets", () => {
    let lines = 0;
    for (const file of [...textFiles(), ...textFiles([SHARED_DATASETS])]) {
      for (const line of readText(file).split('\n')) {
        lines++;
        const ours = englishWords(line);
        const theirs = natural.tokenize(line);
        if (ours.length !== theirs.length || ours.some((w, i) => w !== theirs[i]))
          expect({ file, line, words: ours }).toEqual({ file, line, words: theirs });
      }
    }
    expect(lines).toBeGreaterThan(10_000);
  });
});

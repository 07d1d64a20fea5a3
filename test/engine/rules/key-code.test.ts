import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  KEY_CODE_START,
  LIST_LENGTH_RADIX,
  NO_CODE,
  appendDigit,
  appendList,
  vocabulary,
} from '../../../src/engine/rules/key-code.js';

const WORDS = vocabulary(['a', 'b', 'c']);
const TAGS = vocabulary(['x', 'y', 'z', 'w', 'v']);

/** A key of two lists and a flag, coded as the subject keys code theirs. */
const code = (k: { first: string[]; flag: number; second: string[] }): number =>
  appendList(appendDigit(appendList(KEY_CODE_START, k.first, WORDS), k.flag, 3), k.second, TAGS);

const keyArb = fc.record({
  first: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }),
  flag: fc.integer({ min: 0, max: 2 }),
  second: fc.array(fc.constantFrom('x', 'y', 'z', 'w', 'v'), { maxLength: 4 }),
});

describe('key codes', () => {
  it('numbers a vocabulary from 0 in the order given, a repeat keeping its first number', () => {
    expect([...vocabulary(['p', 'q', 'p', 'r'])]).toEqual([
      ['p', 0],
      ['q', 1],
      ['r', 2],
    ]);
  });

  it('gives two keys the same code exactly when their fields are equal (order and repeats count)', () => {
    fc.assert(
      fc.property(keyArb, keyArb, (k1, k2) => {
        const c1 = code(k1);
        const c2 = code(k2);
        expect(Number.isSafeInteger(c1) && c1 >= KEY_CODE_START).toBe(true);
        expect(c1 === c2).toBe(JSON.stringify(k1) === JSON.stringify(k2));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every key of lists up to 3 members a code of its own (all 18,720 of them)', () => {
    const lists = (members: string[]): string[][] => {
      const out: string[][] = [[]];
      for (let n = 1; n <= 3; n++)
        for (const l of out.filter((x) => x.length === n - 1))
          for (const m of members) out.push([...l, m]);
      return out;
    };
    const codes = new Set<number>();
    let keys = 0;
    for (const first of lists(['a', 'b', 'c']))
      for (const flag of [0, 1, 2])
        for (const second of lists(['x', 'y', 'z', 'w', 'v'])) {
          codes.add(code({ first, flag, second }));
          keys++;
        }
    expect(keys).toBe(40 * 3 * 156);
    expect(codes.size).toBe(keys);
  });

  it('tells apart keys that a joined string would not (a member moved between lists)', () => {
    const a = code({ first: ['a', 'b'], flag: 0, second: [] });
    const b = code({ first: ['a'], flag: 0, second: [] });
    const c = code({ first: [], flag: 0, second: [] });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('gives NO_CODE for a member outside the vocabulary, and keeps it once given', () => {
    expect(appendList(KEY_CODE_START, ['a', 'q'], WORDS)).toBe(NO_CODE);
    expect(appendDigit(NO_CODE, 0, 3)).toBe(NO_CODE);
    expect(appendList(NO_CODE, [], WORDS)).toBe(NO_CODE);
  });

  it('gives NO_CODE for a digit outside its radix, a list too long, or a code past 2^53', () => {
    expect(appendDigit(KEY_CODE_START, 3, 3)).toBe(NO_CODE);
    expect(appendDigit(KEY_CODE_START, -1, 3)).toBe(NO_CODE);
    expect(appendList(KEY_CODE_START, Array(LIST_LENGTH_RADIX).fill('a'), WORDS)).toBe(NO_CODE);
    expect(appendList(KEY_CODE_START, Array(LIST_LENGTH_RADIX - 1).fill('a'), WORDS)).not.toBe(
      NO_CODE,
    );
    let c = KEY_CODE_START;
    let steps = 0;
    while (c !== NO_CODE) {
      expect(Number.isSafeInteger(c)).toBe(true);
      c = appendDigit(c, 999, 1000);
      steps++;
    }
    // Five base-1000 digits fit after the leading 1 (≈ 2.0e15 < 2^53 ≈ 9.0e15); a sixth does not.
    expect(steps).toBe(6);
  });
});

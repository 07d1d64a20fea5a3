import { describe, expect, test } from 'vitest';
import { parseEnterprise, parseRecord } from '../../src/model/parse.js';
import { isValidated } from '../../src/model/validated.js';
import { enterprise, institution } from './fixtures.js';

describe('validated-record memo', () => {
  test('a copy finmatch owns is accepted again as it is', () => {
    // An institution holds no nested object: its copy (the text default filled, the fixture
    // has none) is all finmatch's.
    const bare = { ...institution };
    const parsed = parseRecord('institution', bare);
    expect(parsed).not.toBe(bare);
    expect(isValidated('institution', parsed)).toBe(true);
    expect(parseRecord('institution', parsed)).toBe(parsed);
    expect(isValidated('enterprise', parsed)).toBe(false);
  });

  test('a copy holding an object of the caller is validated anew: the caller may change it', () => {
    // The sector code is canonicalised (a copy); the need is adopted as it is (the caller's).
    const input = structuredClone(enterprise);
    const parsed = parseEnterprise(input);
    expect(parsed).not.toBe(input);
    expect(parsed.need).toBe(input.need);
    expect(isValidated('enterprise', parsed)).toBe(false);
    expect(parseRecord('enterprise', parsed)).toBe(parsed);
    input.need.amount = -1;
    expect(() => parseRecord('enterprise', parsed)).toThrow(/need\.amount/);
    // A record that changed is validated anew too.
    const copy = { ...parsed, need: { ...parsed.need, amount: -2 } };
    expect(() => parseRecord('enterprise', copy)).toThrow(/need\.amount/);
  });
});

import { describe, expect, test } from 'vitest';
import { parseEnterprise, parseRecord } from '../../src/model/parse.js';
import { isValidated } from '../../src/model/validated.js';
import { enterprise } from './fixtures.js';

describe('validated-record memo', () => {
  test('a parsed record is accepted again as it is, a copy is validated anew', () => {
    const parsed = parseEnterprise(structuredClone(enterprise));
    expect(isValidated('enterprise', parsed)).toBe(true);
    expect(parseRecord('enterprise', parsed)).toBe(parsed);
    expect(isValidated('product', parsed)).toBe(false);
    const copy = { ...parsed, need: { ...parsed.need, amount: -1 } };
    expect(() => parseRecord('enterprise', copy)).toThrow(/need\.amount/);
  });
});

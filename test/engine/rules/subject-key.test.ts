import { describe, expect, it } from 'vitest';
import { subjectKey } from '../../../src/engine/rules/subject-key.js';
import { firm, type Firm } from '../../compile/fixtures/firm.js';

describe('subjectKey', () => {
  it('declares the fields on the function it returns, frozen', () => {
    const key = subjectKey(['sector', 'region'], (f: Firm) => `${f.sector}|${f.region ?? ''}`);
    expect(key.fields).toEqual(['sector', 'region']);
    expect(Object.isFrozen(key.fields)).toBe(true);
    expect(key(firm('a', 'C13', '110000'))).toBe('C13|110000');
  });

  it('refuses fields that are not names and a function it cannot mark, as an OptionError', () => {
    const fn = (f: Firm) => f.sector;
    for (const fields of ['sector', [''], [1], null])
      expect(() => subjectKey(fields as never, fn)).toThrow(
        expect.objectContaining({ name: 'OptionError', option: 'fields' }),
      );
    expect(() =>
      subjectKey(
        ['sector'],
        Object.freeze((f: Firm) => f.sector),
      ),
    ).toThrow(expect.objectContaining({ name: 'OptionError', option: 'fn' }));
    expect(() => subjectKey(['sector'], 'sector' as never)).toThrow(/fn must be a function/);
    for (const lock of [Object.seal, Object.preventExtensions])
      expect(() =>
        subjectKey(
          ['sector'],
          lock((f: Firm) => f.sector),
        ),
      ).toThrow(expect.objectContaining({ name: 'OptionError', option: 'fn' }));
    // A key declared once may be declared again the same way, even when it cannot take more.
    const declared = Object.freeze(subjectKey(['sector'], (f: Firm) => f.sector));
    expect(subjectKey(['sector'], declared)).toBe(declared);
  });

  it('accepts the same declaration again and refuses another', () => {
    const fn = (f: Firm) => f.sector;
    subjectKey(['sector'], fn);
    expect(() => subjectKey(['sector'], fn)).not.toThrow();
    expect(() => subjectKey(['region'], fn)).toThrow(/already declares fields sector/);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DATE_EXPECTED,
  DATE_YEARS,
  addDays,
  addMonths,
  addYears,
  dateParts,
  daysInMonth,
  formatDate,
  fromDayNumber,
  isCalendarDate,
  toDayNumber,
  yearOf,
} from '../../src/util/dates.js';
import { createFeedbackStore } from '../../src/collab/feedback.js';
import { OptionError, ValidationError } from '../../src/errors.js';
import { toTime } from '../../src/eval/protocol/splits.js';
import { parseRecord } from '../../src/model/parse.js';
import { effectiveSrdiTier } from '../../src/taxonomy/srdi.js';

/** The reference: the day `Date` gives year/month/day, the year taken as given. */
function viaDate(y: number, m: number, d: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t;
}
const isReal = (y: number, m: number, d: number): boolean => {
  const t = viaDate(y, m, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const text = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const anyDay = fc.record({
  y: fc.integer({ min: 0, max: 9999 }),
  m: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
});
const realDay = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => isReal(y, m, d));

describe('dateParts and isCalendarDate', () => {
  test('a date is real exactly when the calendar has that day, for every year 0000–9999', () => {
    fc.assert(
      fc.property(anyDay, ({ y, m, d }) => {
        const real = m >= 1 && m <= 12 && d >= 1 && isReal(y, m, d);
        expect(dateParts(text(y, m, d))).toEqual(real ? [y, m, d] : undefined);
        const inRange = y >= DATE_YEARS.min && y <= DATE_YEARS.max;
        expect(isCalendarDate(text(y, m, d))).toBe(real && inRange);
      }),
    );
  });

  test('isCalendarDate agrees with a Date round trip on every DDDD-DD-DD of months 00–13 and days 00–32, 1790–2210', () => {
    let real = 0;
    for (let y = 1790; y <= 2210; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = text(y, m, d);
          const expected = m >= 1 && m <= 12 && d >= 1 && isReal(y, m, d) && y >= 1800 && y <= 2200;
          if (isCalendarDate(s) !== expected) expect(isCalendarDate(s), s).toBe(expected);
          if (expected) real++;
        }
    // 401 years of the Gregorian calendar: 146,097 days per 400 years, plus 1800-01-01…12-31 of one more.
    expect(real).toBe(146_097 + 365);
    expect(DATE_YEARS).toEqual({ min: 1800, max: 2200 });
  });

  test('years 0–99 are read as written, not as 1900–1999', () => {
    expect(dateParts('0099-02-29')).toBeUndefined(); // 99 is a common year; 1999 too, 2000 not
    expect(dateParts('0096-02-29')).toEqual([96, 2, 29]);
    expect(dateParts('0000-02-29')).toEqual([0, 2, 29]); // year 0 is a leap year (divisible by 400)
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  test('only the form DDDD-DD-DD with ASCII digits is a date', () => {
    for (const bad of [
      '2026-6-30',
      '2026-06-3',
      '20260630',
      '2026/06/30',
      ' 2026-06-30',
      '2026-06-30 ',
      '2026-06-30T00:00:00Z',
      '２０２６-06-30', // full-width digits
      '2026-0a-30',
      '+2026-06-30',
      '',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
    for (const notText of [undefined, null, 20260630, new Date('2026-06-30'), ['2026-06-30']])
      expect(isCalendarDate(notText)).toBe(false);
    expect(isCalendarDate('2026-06-30')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate(`${DATE_YEARS.min - 1}-12-31`)).toBe(false);
    expect(isCalendarDate(`${DATE_YEARS.min}-01-01`)).toBe(true);
    expect(isCalendarDate(`${DATE_YEARS.max}-12-31`)).toBe(true);
    expect(isCalendarDate(`${DATE_YEARS.max + 1}-01-01`)).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  test('day numbers are the days since 1970-01-01 and read back', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    fc.assert(
      fc.property(realDay, ({ y, m, d }) => {
        const day = toDayNumber(text(y, m, d));
        expect(day).toBe(Math.round(viaDate(y, m, d).getTime() / 86_400_000));
        expect(fromDayNumber(day)).toBe(text(y, m, d));
      }),
    );
  });

  test('adding days moves by that many day numbers', () => {
    fc.assert(
      fc.property(
        // ±400 days stay inside years 0000–9999 (the arithmetic's domain) from years 2–9997.
        realDay.filter(({ y }) => y >= 2 && y <= 9997),
        fc.integer({ min: -400, max: 400 }),
        ({ y, m, d }, n) => {
          const from = text(y, m, d);
          expect(toDayNumber(addDays(from, n))).toBe(toDayNumber(from) + n);
          expect(addDays(addDays(from, n), -n)).toBe(from);
        },
      ),
    );
  });

  test('adding months keeps the day, clamped to the last day of the target month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-07-31', -6)).toBe('2026-01-31');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-06-30', -6)).toBe('2025-12-30');
    expect(addMonths('0100-03-31', -1)).toBe('0100-02-28'); // 100 is common: not 1900's rule by accident
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    fc.assert(
      fc.property(
        realDay.filter(({ y }) => y >= 100 && y <= 9899),
        fc.integer({ min: -1200, max: 1200 }),
        ({ y, m, d }, n) => {
          const to = dateParts(addMonths(text(y, m, d), n))!;
          const months = to[0] * 12 + to[1] - (y * 12 + m);
          expect(months).toBe(n);
          expect(to[2]).toBe(Math.min(d, daysInMonth(to[0], to[1])));
        },
      ),
    );
  });

  test('formatDate and yearOf are the inverse of dateParts', () => {
    fc.assert(
      fc.property(realDay, ({ y, m, d }) => {
        expect(formatDate(y, m, d)).toBe(text(y, m, d));
        expect(yearOf(formatDate(y, m, d))).toBe(y);
      }),
    );
  });

  test('arithmetic on a malformed date is an error, not a wrong date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => toDayNumber('2026-6-30')).toThrow(RangeError);
  });
});

describe('entry points holding a date use the one check', () => {
  const notDates = ['2026-02-31', '1799-12-31', '2201-01-01'];

  test('createFeedbackStore asOf', () => {
    for (const asOf of notDates)
      expect(() => createFeedbackStore({ asOf }), asOf).toThrow(OptionError);
    expect(() => createFeedbackStore({ asOf: '2026-06-30' })).not.toThrow();
  });

  test('split cutoffs and dates: a calendar date is checked as one, a timestamp is parsed', () => {
    for (const cutoff of notDates)
      expect(() => toTime(cutoff, 'cutoff'), cutoff).toThrow(/1800–2200/);
    expect(toTime('2026-03-01', 'cutoff')).toBe(Date.UTC(2026, 2, 1));
    expect(toTime('2026-03-01T12:00:00Z', 'cutoff')).toBe(Date.UTC(2026, 2, 1, 12));
  });

  test('SRDI certificates: a string or a Date outside the years is an OptionError', () => {
    const cert = { tier: 'srdi', certifiedOn: '2024-02-29' } as const;
    expect(effectiveSrdiTier(cert, '2027-02-28').status).toBe('valid');
    expect(effectiveSrdiTier(cert, '2027-03-01').status).toBe('expired');
    expect(() => effectiveSrdiTier(cert, new Date(Date.UTC(1799, 0, 1)))).toThrow(OptionError);
    expect(() => effectiveSrdiTier({ ...cert, certifiedOn: '2024-02-30' }, '2026-06-30')).toThrow(
      /certifiedOn/,
    );
  });

  test('a record date out of the years says which years, in both locales', () => {
    const issuesOf = (date: string, locale: 'zh' | 'en') => {
      try {
        parseRecord(
          'interaction',
          {
            id: 'i1',
            subjectKind: 'enterprise',
            subjectId: 'e1',
            itemKind: 'product',
            itemId: 'p1',
            kind: 'applied',
            date,
          },
          { locale },
        );
      } catch (error) {
        return (error as ValidationError).issues;
      }
      return [];
    };
    for (const date of ['1799-12-31', '2026-02-30']) {
      const [en] = issuesOf(date, 'en');
      expect(en, date).toMatchObject({ path: 'date', code: 'invalid_date' });
      expect(en!.message).toMatch(/1800–2200/);
      expect(en!.expected).toBe(DATE_EXPECTED.en);
      expect(issuesOf(date, 'zh')[0]!.expected).toBe(DATE_EXPECTED.zh);
    }
  });
});

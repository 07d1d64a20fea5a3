import { describe, expect, it } from 'vitest';
import { isRealDate } from '../../src/model/schemas.js';

/** The definition isRealDate implements by arithmetic: a UTC Date round trip in 1800–2200. */
function byDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === m - 1 &&
    t.getUTCDate() === d &&
    y >= 1800 &&
    y <= 2200
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isRealDate', () => {
  it('agrees with a Date round trip on every YYYY-MM-DD of months 00–13 and days 00–32, 1790–2210', () => {
    let real = 0;
    for (let y = 1790; y <= 2210; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const expected = byDate(s);
          if (isRealDate(s) !== expected) expect(isRealDate(s), s).toBe(expected);
          if (expected) real++;
        }
    // 401 years of the Gregorian calendar: 146,097 days per 400 years, plus 1800-01-01…12-31 of one more.
    expect(real).toBe(146_097 + 365);
  });

  it('knows the leap-year rules', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2100-02-29')).toBe(false);
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1800-01-01')).toBe(true);
    expect(isRealDate('2200-12-31')).toBe(true);
    expect(isRealDate('2201-01-01')).toBe(false);
  });
});

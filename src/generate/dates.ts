/**
 * Calendar arithmetic on `YYYY-MM-DD` strings in UTC, so generation never depends on the
 * local time zone or the clock.
 *
 * @module
 */

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function toDayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(day: number): string {
  const t = new Date(day * MS_PER_DAY);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Adds days to a date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months; a day past the end of the target month is clamped to its last day
 * (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const td = Math.min(d, last);
  return `${String(ty).padStart(4, '0')}-${tm + 1 < 10 ? '0' : ''}${tm + 1}-${td < 10 ? '0' : ''}${td}`;
}

/** Adds calendar years (29 February clamps to 28 February). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The year of a date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

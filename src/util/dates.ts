/**
 * Calendar dates written `YYYY-MM-DD`: the one check of such a date and the one calendar
 * arithmetic on them, for every entry point (options, files, the command line, the service)
 * and every rule (certificate expiry, loan maturity windows, years of operation) and the
 * generator. Dates are proleptic Gregorian days with no time zone, years 0000–9999, read from
 * the digits alone: no `Date` parsing, whose `Date.UTC` maps years 0–99 to 1900–1999.
 *
 * @module
 */

/**
 * Earliest and latest year of a date finmatch accepts, in a record or an option (an evaluation
 * date, a split date): the data model's bound, as for founding years (`LIMITS.minFoundedYear`);
 * the calendar arithmetic below works on any year 0000–9999.
 */
export const DATE_YEARS = Object.freeze({ min: 1800, max: 2200 });

/** What a date must be, as error messages say it (English, Simplified Chinese). */
export const DATE_EXPECTED = Object.freeze({
  en: `a real date YYYY-MM-DD in ${DATE_YEARS.min}–${DATE_YEARS.max}`,
  zh: `${DATE_YEARS.min}–${DATE_YEARS.max} 年间 YYYY-MM-DD 格式的真实日期`,
});

/** Milliseconds in a day (a day number is days since 1970-01-01). */
const MS_PER_DAY = 86_400_000;

/** Days of each month of a common year, January first. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether `year` is a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Value of the `count` decimal digits of `s` from `start`, or -1 when one is not a digit. */
function digitsAt(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Whether `value` is written `DDDD-DD-DD` (ten characters, ASCII digits): the date's form only.
 * (Not a type guard: a string of another form is still a string.)
 */
export function hasDateForm(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length === 10 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    digitsAt(value, 0, 4) >= 0 &&
    digitsAt(value, 5, 2) >= 0 &&
    digitsAt(value, 8, 2) >= 0
  );
}

/**
 * The year of `value` when it is a real calendar date written `YYYY-MM-DD` (any year
 * 0000–9999; 2026-02-29 is not one), otherwise -1: the one check behind {@link dateParts} and
 * {@link isCalendarDate}, without an allocation (it runs for every date of every record).
 */
function realDateYear(value: unknown): number {
  if (typeof value !== 'string' || !hasDateForm(value)) return -1;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? y : -1;
}

/**
 * The year, month (1–12) and day of `value` when it is a real calendar date written
 * `YYYY-MM-DD` (2026-02-29 is not one); otherwise undefined.
 */
export function dateParts(value: unknown): [year: number, month: number, day: number] | undefined {
  const y = realDateYear(value);
  if (y < 0) return undefined;
  const date = value as string;
  return [y, digitsAt(date, 5, 2), digitsAt(date, 8, 2)];
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD` in the years {@link DATE_YEARS}:
 * what every record field and option holding a date must be. (Not a type guard: a string
 * that fails is still a string.)
 */
export function isCalendarDate(value: unknown): boolean {
  const y = realDateYear(value);
  return y >= DATE_YEARS.min && y <= DATE_YEARS.max;
}

/** The `YYYY-MM-DD` text of a year (0–9999), month (1–12) and day. */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The calendar year of a date. */
export function yearOf(date: string): number {
  return digitsAt(date, 0, 4);
}

/**
 * `date` plus `months` calendar months (negative: earlier); a day past the end of the target
 * month is clamped to its last day (2026-11-30 + 3 months = 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = partsOf(date);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return formatDate(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** `date` plus `years` years (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Days from 1970-01-01 to `date` (negative before it). */
export function toDayNumber(date: string): number {
  const [y, m, d] = partsOf(date);
  // setUTCFullYear takes the year as given (Date.UTC would read 0–99 as 1900–1999).
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day number (see {@link toDayNumber}). */
export function fromDayNumber(day: number): string {
  const t = new Date(day * MS_PER_DAY);
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** `date` plus `days` days (negative: earlier). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The parts of a date the caller has checked; a malformed one is a programming error. */
function partsOf(date: string): [number, number, number] {
  const parts = dateParts(date);
  if (!parts) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return parts;
}

/**
 * Subject keys coded as integers. A key made of vocabulary members (lists of enum values, chain
 * and zone ids) is written as the digits of one integer instead of a joined string, so encoding
 * an index does not build and hash one new string per subject and key.
 *
 * The coding is exact. A code starts at {@link KEY_CODE_START}; each field appends one digit
 * `d` in its own radix `r` (`0 ≤ d < r`): `code = code · r + d`. A list appends its members'
 * digits in its vocabulary's radix, then its length in {@link LIST_LENGTH_RADIX}. Read back
 * from the last digit, every digit's radix is known when it is read (the key fixes each
 * field's radix, and a list's length comes before its members), so distinct keys give
 * distinct codes. A key with a member outside its vocabulary, a list of
 * {@link LIST_LENGTH_RADIX} or more members, or a code that would pass
 * `Number.MAX_SAFE_INTEGER` gets {@link NO_CODE}; the key then falls back to a string
 * ({@link fallbackKey}), which is never equal to a number as a `Map` key.
 *
 * @module
 */

/** What a coding function returns when the key cannot be coded (the caller falls back to a string). */
export const NO_CODE = -1;

/** The first value of every code: a leading digit 1, so leading zero digits still count. */
export const KEY_CODE_START = 1;

/** Lists are coded up to this length, exclusive (longer lists fall back to a string). */
export const LIST_LENGTH_RADIX = 16;

/** Members of a vocabulary numbered from 0 (its radix is its size). */
export type Vocabulary = ReadonlyMap<string, number>;

/** Numbers `members` 0, 1, … in the order given (a repeated member keeps its first number). */
export function vocabulary(members: Iterable<string>): Vocabulary {
  const digits = new Map<string, number>();
  for (const m of members) if (!digits.has(m)) digits.set(m, digits.size);
  return digits;
}

/**
 * `code · radix + digit`, or {@link NO_CODE} when `code` is already {@link NO_CODE}, `digit`
 * is not in `[0, radix)`, or the result would pass `Number.MAX_SAFE_INTEGER`.
 */
export function appendDigit(code: number, digit: number, radix: number): number {
  if (code < 0 || !(digit >= 0 && digit < radix)) return NO_CODE;
  if (code > (Number.MAX_SAFE_INTEGER - digit) / radix) return NO_CODE;
  return code * radix + digit;
}

/**
 * Appends each member of `list` as its digit in `members` (radix `members.size`), then the
 * list's length (radix {@link LIST_LENGTH_RADIX}); {@link NO_CODE} for a member outside
 * `members`, a list too long, or on overflow.
 */
export function appendList(code: number, list: readonly string[], members: Vocabulary): number {
  const radix = members.size;
  for (let i = 0; i < list.length && code >= 0; i++) {
    const digit = members.get(list[i]!);
    code = digit === undefined ? NO_CODE : appendDigit(code, digit, radix);
  }
  return appendDigit(code, list.length, LIST_LENGTH_RADIX);
}

/**
 * The string a key falls back to when it cannot be coded: the JSON of the fields it reads (so
 * distinct fields give distinct strings, where a joined list would not: `['a,b']` and
 * `['a', 'b']`). One form for every coded key.
 */
export function fallbackKey(...fields: unknown[]): string {
  return JSON.stringify(fields);
}

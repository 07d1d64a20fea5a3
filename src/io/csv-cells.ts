/**
 * How a CSV cell becomes a field value. CSV has only strings, while records hold numbers,
 * booleans, lists and nested objects, so the reader applies one documented convention:
 *
 * 1. **Empty cell = absent.** The field is left out, so the schema's default applies (or a
 *    required field is reported missing).
 * 2. **JSON cells.** A cell whose first non-blank character is `[` or `{` is parsed as JSON:
 *    `["credit","realEstate"]`, `{"min":1000000,"max":5000000}`. One that does not parse is
 *    an `invalid_cell` error for the row.
 * 3. **Numbers only where a number is plausible.** A cell becomes a number only when its
 *    column's last path segment is one of {@link CSV_NUMERIC_FIELDS} (every numeric field of
 *    the data model) *and* the cell is a plain decimal (`12`, `-3.5`, `1e6`; no thousands
 *    separators, no units). Everything else stays a string, so identifiers and codes that
 *    look numeric — region `320102`, sector `3911`, id `0042` — keep their leading zeros and
 *    their type, and a malformed amount (`5,000,000`) reaches the validator as a string and
 *    is reported there with its field path.
 * 4. **Booleans** likewise only in {@link CSV_BOOLEAN_FIELDS}: `true` / `false` (any case).
 * 5. **Nested fields.** A column named with dots and bracketed indices builds nested objects
 *    and arrays: `need.amount`, `srdi.tier`, `chains[0].chainId`.
 *
 * @module
 */
import { describeValue, escapeControl } from '../util/describe.js';

/**
 * Last path segments of every numeric field of the data model (src/model/schemas.ts).
 * `min`/`max` are the bounds of ranges (`amount.min`, `ticket.max`, `trl.min`…).
 * A test checks this list against the schemas so the two cannot drift apart.
 */
export const CSV_NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  'amount',
  'termMonths',
  'maxRatePercent',
  'foundedYear',
  'employees',
  'annualRevenue',
  'rdIntensity',
  'debtRatio',
  'minYearsOperating',
  'minAnnualRevenue',
  'min',
  'max',
  'trl',
  'valuation',
  'capacity',
]);

/** Last path segments of every boolean field of the data model. */
export const CSV_BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['renewalWithoutRepayment']);

/** A plain decimal number, optionally signed, with an optional exponent. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One step of a column's field path: a property name or an array index. */
export type PathSegment = string | number;

/** Keys that must never be created from a column name (prototype pollution). */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Splits a column name into path segments: `need.amount` → `['need','amount']`,
 * `chains[0].chainId` → `['chains', 0, 'chainId']`. Returns `undefined` for a name that is
 * not a well-formed path (empty segment, unclosed bracket, forbidden key).
 */
export function parseColumnPath(column: string): PathSegment[] | undefined {
  const name = column.trim();
  if (name === '') return undefined;
  const segments: PathSegment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(name)) !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) {
      if (!expectName) return undefined;
      if (FORBIDDEN_SEGMENTS.has(match[1])) return undefined;
      segments.push(match[1]);
      expectName = false;
    } else if (match[2] !== undefined) {
      if (expectName) return undefined;
      const index = Number(match[2]);
      if (index > 10_000) return undefined;
      segments.push(index);
    } else {
      if (expectName) return undefined;
      expectName = true;
    }
  }
  if (consumed !== name.length || expectName) return undefined;
  return segments;
}

/** Result of converting one cell. */
export type CellValue =
  { kind: 'absent' } | { kind: 'value'; value: unknown } | { kind: 'error'; message: string };

/** Converts one cell of the column whose last path segment is `field`. See the module rules. */
export function convertCell(field: PathSegment | undefined, cell: string): CellValue {
  const trimmed = cell.trim();
  if (trimmed === '') return { kind: 'absent' };
  const first = trimmed.charCodeAt(0);
  if (first === 0x5b || first === 0x7b) {
    try {
      return { kind: 'value', value: JSON.parse(trimmed) };
    } catch (error) {
      const reason =
        error instanceof Error
          ? escapeControl(error.message.split(', "')[0] ?? '')
          : 'unknown error';
      return { kind: 'error', message: `cell looks like JSON but does not parse: ${reason}` };
    }
  }
  if (typeof field === 'string') {
    if (CSV_NUMERIC_FIELDS.has(field) && PLAIN_NUMBER.test(trimmed)) {
      return { kind: 'value', value: Number(trimmed) };
    }
    if (CSV_BOOLEAN_FIELDS.has(field)) {
      const lower = trimmed.toLowerCase();
      if (lower === 'true') return { kind: 'value', value: true };
      if (lower === 'false') return { kind: 'value', value: false };
    }
  }
  // Strings keep their original spacing: the validator decides whether it matters.
  return { kind: 'value', value: cell };
}

/**
 * Sets `value` at `path` inside `target`, creating objects and arrays on the way. Returns an
 * error message when the path runs through a value that is not a container.
 */
export function setAtPath(
  target: Record<string, unknown>,
  path: readonly PathSegment[],
  value: unknown,
): string | undefined {
  let node: Record<PathSegment, unknown> | unknown[] = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const last = i === path.length - 1;
    if (last) {
      defineValue(node, key, value);
      return undefined;
    }
    const existing = (node as Record<PathSegment, unknown>)[key];
    if (existing === undefined) {
      const child: Record<string, unknown> | unknown[] = typeof path[i + 1] === 'number' ? [] : {};
      defineValue(node, key, child);
      node = child;
    } else if (existing !== null && typeof existing === 'object') {
      node = existing as Record<PathSegment, unknown>;
    } else {
      return `cannot set a field inside ${describeValue(existing)}`;
    }
  }
  return undefined;
}

function defineValue(node: object, key: PathSegment, value: unknown): void {
  // defineProperty, not assignment: a key can never reach a prototype.
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

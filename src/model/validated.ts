/**
 * Remembers the record objects finmatch has already validated (the outputs of the parse
 * functions and of the generator), so an entry point given them again — a matcher over
 * 345,800 parsed enterprises — does not validate them twice. Identity-based: a copy or a JSON
 * round-trip is validated again. A caller that mutates a validated record must parse it again.
 *
 * @module
 */
import type { RecordKind } from './enums.js';

const validated = new WeakMap<object, RecordKind>();

/** Marks records of `kind` as validated. Internal: only for records known to be valid. */
export function markValidated(kind: RecordKind, records: readonly object[]): void {
  for (const r of records) validated.set(r, kind);
}

/** Marks one record of `kind` as validated. Internal: only for a record known to be valid. */
export function markRecordValidated(kind: RecordKind, record: object): void {
  validated.set(record, kind);
}

/** True when `value` is a record object already validated as `kind`. */
export function isValidated(kind: RecordKind, value: unknown): boolean {
  return typeof value === 'object' && value !== null && validated.get(value) === kind;
}

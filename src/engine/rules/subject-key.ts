/**
 * Declaring which fields of a subject a {@link SubjectKey} reads.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import type { KeyEnv, SubjectKeyValue } from '../types.js';

/**
 * `fn` as a key that declares the subject's top-level `fields` it is a function of. Every
 * part declaring the key must read nothing else of the subject: the fast paths then keep each
 * key's representative as those fields alone (a small object instead of the whole record,
 * which is what a multi-threaded sweep sends its other threads). Sets `fn.fields` and returns
 * `fn`.
 *
 * @example
 * ```ts
 * const sectorKey = subjectKey(['sector'], (e: Enterprise) => e.sector);
 * ```
 * @throws OptionError when `fields` is not an array of names, `fn` is not a function or is
 *   frozen, or `fn` already declares other fields
 */
export function subjectKey<S, A extends [env?: KeyEnv] | [env: KeyEnv], R extends SubjectKeyValue>(
  fields: readonly (keyof S & string)[],
  fn: (subject: S, ...env: A) => R,
): ((subject: S, ...env: A) => R) & { readonly fields: readonly (keyof S & string)[] } {
  if (!isFieldList(fields))
    throw new OptionError(
      'fields',
      `fields must be an array of field names (non-empty strings), received ${describeValue(fields)}`,
    );
  if (typeof fn !== 'function' || Object.isFrozen(fn))
    throw new OptionError(
      'fn',
      `fn must be a function that is not frozen (its fields are set on it), received ${describeValue(fn)}`,
    );
  const declared = (fn as { fields?: readonly string[] }).fields;
  if (declared !== undefined && declared.join('\0') !== fields.join('\0'))
    throw new OptionError(
      'fields',
      `the key already declares fields ${declared.join(', ')}, not ${fields.join(', ')}`,
    );
  return Object.assign(fn, { fields: Object.freeze([...fields]) });
}

/** Whether `value` is an array of non-empty strings: what a key's `fields` must be. */
export function isFieldList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((f) => typeof f === 'string' && f.length > 0);
}

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
 * @throws OptionError when `fields` is not an array of names, `fn` is not a function or cannot
 *   take a property (frozen, sealed, not extensible), or `fn` already declares other fields
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
  if (typeof fn !== 'function')
    throw new OptionError('fn', `fn must be a function, received ${describeValue(fn)}`);
  const declared: unknown = (fn as { fields?: unknown }).fields;
  if (declared !== undefined) {
    if (!isFieldList(declared) || declared.join('\0') !== fields.join('\0'))
      throw new OptionError(
        'fields',
        `the key already declares fields ${isFieldList(declared) ? declared.join(', ') : describeValue(declared)}, not ${fields.join(', ')}`,
      );
    return fn as ReturnType<typeof subjectKey<S, A, R>>;
  }
  if (!Object.isExtensible(fn))
    throw new OptionError(
      'fn',
      'fn must be a function that can take a property (its fields are set on it): it is frozen, sealed or not extensible',
    );
  return Object.assign(fn, { fields: Object.freeze([...fields]) });
}

/** Whether `value` is an array of non-empty strings: what a key's `fields` must be. */
export function isFieldList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((f) => typeof f === 'string' && f.length > 0);
}

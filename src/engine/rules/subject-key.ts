/**
 * Declaring which fields of a subject a {@link SubjectKey} reads.
 *
 * @module
 */
import type { KeyEnv, SubjectKey, SubjectKeyValue } from '../types.js';

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
 * @throws TypeError when `fn` already declares other fields
 */
// The subject's type is the function's own first parameter, whatever it is.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function subjectKey<F extends (subject: any, env: KeyEnv) => SubjectKeyValue>(
  fields: readonly (keyof Parameters<F>[0] & string)[],
  fn: F,
): F & { readonly fields: readonly string[] } {
  const declared = (fn as SubjectKey<unknown>).fields;
  if (declared !== undefined && declared.join('\0') !== fields.join('\0'))
    throw new TypeError(
      `subjectKey: the key already declares fields ${declared.join(', ')}, not ${fields.join(', ')}`,
    );
  return Object.assign(fn, { fields: Object.freeze([...fields]) });
}

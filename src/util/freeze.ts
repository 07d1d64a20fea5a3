/**
 * Deep freezing of plain data.
 *
 * @module
 */

/**
 * Freezes `value` and every object reachable through its own enumerable properties, and
 * returns it. An object already frozen is taken as frozen all the way down (so shared and
 * cyclic references are visited once).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

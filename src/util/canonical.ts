/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, so the same content gives
 * the same bytes whatever order it was built in. Used for profile specs, snapshots and their
 * content hashes.
 *
 * @module
 */
import { lazyRequire } from './lazy-require.js';

const loadCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/**
 * Whether `value` is plain JSON data: null, booleans, finite numbers, strings, arrays and
 * plain objects of them (no functions, no class instances, no `undefined` inside arrays).
 */
export function isJsonData(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonData(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every(
    (v) => v === undefined || isJsonData(v, depth + 1),
  );
}

/** `value` with every object's keys in sorted order (`undefined` members dropped). */
export function canonicalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalise);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonicalise(v);
  }
  return out;
}

/** Canonical JSON text of `value` (sorted keys; `indent` spaces when given). */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(canonicalise(value), null, indent);
}

/** SHA-256 of the canonical JSON of `value`, as `sha256:<hex>`. */
export function contentHash(value: unknown): string {
  return `sha256:${loadCrypto().createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/**
 * How shipped factories describe the part they return ({@link PartSpec}): their registry kind
 * and their options as plain JSON. Options holding code (a custom text extractor, a similarity
 * function) cannot be data: the part then carries no spec and is saved by name, like custom
 * code, to be supplied on load.
 *
 * @module
 */
import { canonicalise, isJsonData } from '../util/canonical.js';
import type { PartSpec } from './types.js';

/**
 * The spec of a part made by factory `kind` with `options`; `undefined` when the options are
 * not plain JSON data. Empty or absent options are omitted.
 */
export function partSpec(kind: string, options?: unknown): PartSpec | undefined {
  if (options === undefined || options === null) return { kind };
  if (!isJsonData(options) || typeof options !== 'object' || Array.isArray(options))
    return undefined;
  const plain = canonicalise(options) as Record<string, unknown>;
  return Object.keys(plain).length === 0 ? { kind } : { kind, options: plain };
}

/** `{ spec }` for spreading into a part literal, or `{}` when the options are not data. */
export function specField(kind: string, options?: unknown): { spec?: PartSpec } {
  const spec = partSpec(kind, options);
  return spec ? { spec } : {};
}

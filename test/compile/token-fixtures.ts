/**
 * A token factor's pieces for the `tokens` hook's tests on both fast paths (prospecting's key
 * tables, the catalogue's token rows): what a firm holds, and the hook's form written out.
 */
import type { Enterprise } from '../../src/model/types.js';
import type { FactorValue, TokenValues } from '../../src/engine/types.js';

/** A firm's tokens: its region's province and its sector's section letter. */
export const held = (e: Enterprise): string[] => [
  `r:${e.region.slice(0, 2)}`,
  `s:${e.sector.slice(0, 1)}`,
];

/** The distinct tokens `enterprises` hold, sorted. */
export const tokensOf = (enterprises: readonly Enterprise[]): string[] =>
  [...new Set(enterprises.flatMap(held))].sort();

/** The hook's form written out plainly (see `TokenHook`). */
export function formValue(values: TokenValues, e: Enterprise): FactorValue {
  const served = held(e).filter((t) => values.values.has(t));
  if (served.length === 0) return values.otherwise;
  return Math.max(0, ...served.map((t) => values.values.get(t)!));
}

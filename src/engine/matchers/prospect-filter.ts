/**
 * Validation and compilation of a {@link ProspectFilter} into one predicate.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import type { Enterprise } from '../../model/types.js';
import { isRegionPrefix } from '../../taxonomy/regions.js';
import { normalizeSectorPrefix } from '../../taxonomy/sectors.js';
import type { ProspectFilter } from '../api.js';

/**
 * A predicate that is true for enterprises passing every given criterion: region prefixes,
 * sector prefixes (any GB/T 4754 spelling), chain ids, zone ids and `where`. Each list
 * criterion passes when the enterprise matches any of its entries.
 *
 * @throws {@link OptionError} naming `filter.regions`, `filter.sectors`… on a malformed entry.
 */
export function compileProspectFilter(
  filter: ProspectFilter | undefined,
): (e: Enterprise) => boolean {
  if (filter === undefined) return () => true;
  if (filter === null || typeof filter !== 'object')
    throw new OptionError('filter', 'filter must be an object');
  const tests: ((e: Enterprise) => boolean)[] = [];
  const list = (name: string, value: unknown): string[] => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new OptionError(`filter.${name}`, `filter.${name} must be an array of strings`);
    }
    return value as string[];
  };
  if (filter.regions !== undefined) {
    const regions = list('regions', filter.regions);
    for (const r of regions) {
      if (!isRegionPrefix(r)) {
        throw new OptionError(
          'filter.regions',
          `unknown region prefix ${JSON.stringify(r)}; expected 2, 4 or 6 digits`,
        );
      }
    }
    tests.push((e) => regions.some((r) => e.region.startsWith(r)));
  }
  if (filter.sectors !== undefined) {
    const sectors = list('sectors', filter.sectors).map((s) => {
      const c = normalizeSectorPrefix(s);
      if (c === undefined)
        throw new OptionError(
          'filter.sectors',
          `unknown sector code ${JSON.stringify(s)} (GB/T 4754-2017)`,
        );
      return c;
    });
    tests.push((e) => sectors.some((s) => e.sector.startsWith(s)));
  }
  if (filter.chains !== undefined) {
    const chains = new Set(list('chains', filter.chains));
    tests.push((e) => e.chains.some((c) => chains.has(c.chainId)));
  }
  if (filter.zones !== undefined) {
    const zones = new Set(list('zones', filter.zones));
    tests.push((e) => e.zones.some((z) => zones.has(z)));
  }
  if (filter.where !== undefined) {
    if (typeof filter.where !== 'function')
      throw new OptionError('filter.where', 'filter.where must be a function');
    tests.push(filter.where);
  }
  return (e) => tests.every((t) => t(e));
}

/**
 * Validation and compilation of a {@link ProspectFilter} into one predicate.
 *
 * @module
 */
import { OptionError, UnknownIdError } from '../../errors.js';
import type { Enterprise } from '../../model/types.js';
import { isRegionPrefix } from '../../taxonomy/regions.js';
import { normalizeSectorPrefix } from '../../taxonomy/sectors.js';
import { describeValue } from '../../util/describe.js';
import { functionOption, readOptions, stringArrayOption } from '../../util/options.js';
import type { ProspectFilter } from '../api.js';
import type { MarketReference } from '../types.js';
import type { Membership, SubjectFilter } from '../../compile/fast.js';

/** The keys a {@link ProspectFilter} may have; any other key is an OptionError. */
export const PROSPECT_FILTER_KEYS = ['regions', 'sectors', 'chains', 'zones', 'where'] as const;

/**
 * A predicate that is true for enterprises passing every given criterion: region prefixes,
 * sector prefixes (any GB/T 4754 spelling), chain ids, zone ids and `where`. Each list
 * criterion passes when the enterprise matches any of its entries. The chain and zone
 * criteria are also attached as {@link SubjectFilter} memberships, which the index answers
 * from member lists (a chain-filtered prospect touches the chain's members only).
 *
 * Unknown ids behave as in `rankBatch`: when `reference` holds chains (or zones), a chain
 * (zone) id it does not know is an {@link UnknownIdError} naming `filter.chains[i]`
 * (`filter.zones[i]`), not a silent empty result. Without that reference data (none or an
 * empty list), an id is only checked for its type (no enterprise on it means no result).
 *
 * @throws {@link OptionError} naming `filter.regions`, `filter.sectors[1]`… on an unknown key
 * (`region` suggests `regions`) or a malformed entry; {@link UnknownIdError} as above.
 */
export function compileProspectFilter(
  filter: ProspectFilter | undefined,
  reference?: MarketReference,
): SubjectFilter<Enterprise> {
  if (filter === undefined) return () => true;
  const members: Membership<Enterprise>[] = [];
  const f = readOptions(filter, PROSPECT_FILTER_KEYS, 'filter');
  const tests: ((e: Enterprise) => boolean)[] = [];
  if (f.regions !== undefined) {
    const regions = stringArrayOption(f.regions, 'filter.regions');
    regions.forEach((r, i) => {
      if (isRegionPrefix(r)) return;
      // The wrong length, or the right one naming no province: each said as it is.
      const digits = /^\d{2}(?:\d{2}(?:\d{2})?)?$/.test(r);
      throw new OptionError(
        `filter.regions[${i}]`,
        digits
          ? {
              en: `filter.regions[${i}]: no region code begins with ${describeValue(r)}; expected the first 2, 4 or 6 digits of a GB/T 2260 region code (a province, prefecture or county)`,
              zh: `filter.regions[${i}]：没有以 ${describeValue(r)} 开头的地区代码；应为 GB/T 2260 地区代码的前 2、4 或 6 位（省、地、县）`,
            }
          : {
              en: `filter.regions[${i}]: ${describeValue(r)} is not a region prefix; expected 2, 4 or 6 digits (a province, prefecture or county of GB/T 2260)`,
              zh: `filter.regions[${i}]：${describeValue(r)} 不是地区前缀；应为 2、4 或 6 位数字（GB/T 2260 的省、地、县）`,
            },
      );
    });
    tests.push((e) => regions.some((r) => e.region.startsWith(r)));
  }
  if (f.sectors !== undefined) {
    const sectors = stringArrayOption(f.sectors, 'filter.sectors').map((s, i) => {
      const c = normalizeSectorPrefix(s);
      if (c === undefined)
        throw new OptionError(
          `filter.sectors[${i}]`,
          `filter.sectors[${i}]: unknown sector code ${describeValue(s)} (GB/T 4754-2017)`,
        );
      return c;
    });
    tests.push((e) => sectors.some((s) => e.sector.startsWith(s)));
  }
  if (f.chains !== undefined) {
    const chains = stringArrayOption(f.chains, 'filter.chains');
    checkKnown('chain', chains, reference?.chains);
    const set = new Set(chains);
    tests.push((e) => e.chains.some((c) => set.has(c.chainId)));
    members.push({ name: 'chains', of: chainIdsOf, ids: chains });
  }
  if (f.zones !== undefined) {
    const zones = stringArrayOption(f.zones, 'filter.zones');
    checkKnown('zone', zones, reference?.zones);
    const set = new Set(zones);
    tests.push((e) => e.zones.some((z) => set.has(z)));
    members.push({ name: 'zones', of: zoneIdsOf, ids: zones });
  }
  const where = functionOption<(e: Enterprise) => boolean>(f.where, 'filter.where');
  if (where !== undefined) tests.push(where);
  // The chain and zone criteria also travel as memberships: an index starts from their members,
  // and when they are the only criteria their member lists are the whole answer.
  const membersDecide = tests.length === members.length;
  return Object.assign((e: Enterprise) => tests.every((t) => t(e)), { members, membersDecide });
}

/** The chains an enterprise is on. */
const chainIdsOf = (e: Enterprise): readonly string[] => e.chains.map((c) => c.chainId);
/** The zones an enterprise is in. */
const zoneIdsOf = (e: Enterprise): readonly string[] => e.zones;

function checkKnown(
  kind: 'chain' | 'zone',
  ids: readonly string[],
  known: ReadonlyMap<string, unknown> | undefined,
): void {
  if (!known || known.size === 0) return;
  ids.forEach((id, i) => {
    if (!known.has(id))
      throw new UnknownIdError(
        id,
        `filter.${kind}s[${i}]: unknown ${kind} id ${describeValue(id)}: it is not in the reference data (the ${kind}s option)`,
      );
  });
}

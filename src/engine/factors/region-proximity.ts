/**
 * Proximity of a 6-digit region code to a list of region prefixes.
 *
 * @module
 */
import { REGION_PROXIMITY } from '../defaults.js';
import { recordOf, unitInterval, type OptionCheck } from '../rules/options.js';

/** Values of {@link regionProximity} by level; defaults {@link REGION_PROXIMITY}. */
export interface RegionProximityLevels {
  district: number;
  city: number;
  province: number;
  nationwide: number;
}

/** Validator of a {@link RegionProximityLevels} option: all four levels, each in [0, 1]. */
export const regionProximityLevels: OptionCheck = recordOf(
  ['district', 'city', 'province', 'nationwide'],
  unitInterval,
);

/**
 * The value of the finest prefix of `prefixes` containing `region` (6 digits = district,
 * 4 = city, 2 = province); `nationwide` when `prefixes` is empty; 0 when none contains it.
 */
export function regionProximity(
  region: string,
  prefixes: readonly string[],
  levels: RegionProximityLevels = REGION_PROXIMITY,
): number {
  if (prefixes.length === 0) return levels.nationwide;
  let best = 0;
  for (const p of prefixes) {
    if (!region.startsWith(p)) continue;
    const v = p.length >= 6 ? levels.district : p.length >= 4 ? levels.city : levels.province;
    if (v > best) best = v;
  }
  return best;
}

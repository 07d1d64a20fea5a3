/**
 * Sampling helpers on top of the seeded {@link Random} (the only source of randomness), plus
 * the sector and region samplers of the market. Cumulative tables make a weighted draw
 * O(log n), which matters when drawing 345,800 sectors out of 1,380 classes.
 *
 * @module
 */
import type { Random } from '../util/random.js';
import { allSectors, type SectorNode } from '../taxonomy/sectors.js';
import {
  MANUFACTURING_DIVISION_WEIGHTS,
  PROVINCE_CITIES,
  PROVINCE_WEIGHTS,
  SECTION_WEIGHTS,
  WAN,
} from './calibration.js';

/** A cumulative weight table. */
export type Cumulative = Float64Array;

/** Builds a cumulative table from non-negative weights (positive sum). */
export function cumulative(weights: readonly number[]): Cumulative {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    out[i] = total;
  }
  if (!(total > 0)) throw new RangeError('weights must have a positive sum');
  return out;
}

/** Index drawn proportionally to the weights behind `cum`. */
export function drawIndex(rng: Random, cum: Cumulative): number {
  const r = rng.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Key of a weight record drawn proportionally (keys in `Object.keys` order, which is fixed). */
export function drawKey<K extends string>(
  rng: Random,
  weights: Readonly<Partial<Record<K, number>>>,
): K {
  const keys = Object.keys(weights) as K[];
  return keys[rng.weighted(keys.map((k) => weights[k] ?? 0))]!;
}

/** True with probability `p`. */
export function chance(rng: Random, p: number): boolean {
  return rng.next() < p;
}

/** Uniform integer in [min, max]. */
export function intBetween(rng: Random, min: number, max: number): number {
  return min + rng.int(max - min + 1);
}

/** Uniform real in [min, max). */
export function uniform(rng: Random, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** Log-uniform real in [min, max] (both > 0). */
export function logUniform(rng: Random, min: number, max: number): number {
  return Math.exp(uniform(rng, Math.log(min), Math.log(max)));
}

/** Rounds to a multiple of 1万 yuan, at least 1万. */
export function roundWan(amount: number): number {
  return Math.max(WAN, Math.round(amount / WAN) * WAN);
}

/** A 1万-multiple inside [min, max] closest to `amount` (ranges are 1万 multiples). */
export function clampWan(amount: number, min: number, max: number): number {
  const lo = Math.ceil(min / WAN) * WAN;
  const hi = Math.floor(max / WAN) * WAN;
  return Math.min(hi, Math.max(lo, roundWan(amount)));
}

/** Rounds to `step` (e.g. 0.05 for rates), avoiding binary noise. */
export function roundTo(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toFixed(6));
}

/** Up to `n` distinct elements, in random order. */
export function sample<T>(rng: Random, items: readonly T[], n: number): T[] {
  return rng.shuffle(items).slice(0, Math.max(0, n));
}

let classesCache: SectorNode[] | undefined;
const underCache = new Map<string, SectorNode[]>();

/** Every class (level 4) of GB/T 4754-2017, by code. */
export function allClasses(): SectorNode[] {
  classesCache ??= allSectors().filter((n) => n.level === 4);
  return classesCache;
}

/** The classes under a canonical prefix (a class returns itself), by code. */
export function classesUnder(prefix: string): SectorNode[] {
  let hit = underCache.get(prefix);
  if (!hit) {
    hit = allClasses().filter((n) => n.code.startsWith(prefix));
    underCache.set(prefix, hit);
  }
  return hit;
}

/** Sector sampler: section weights → division weights → uniform class. */
export interface SectorSampler {
  /** A class code drawn from the market mix. */
  draw(rng: Random): string;
  /** A class code in section C drawn from the manufacturing mix. */
  drawManufacturing(rng: Random): string;
}

/** Builds the enterprise sector sampler of calibration.ts. */
export function createSectorSampler(): SectorSampler {
  const build = (sections: Readonly<Record<string, number>>) => {
    const codes: string[] = [];
    const weights: number[] = [];
    const classes = allClasses();
    const byDivision = new Map<string, SectorNode[]>();
    for (const c of classes) {
      const div = c.code.slice(0, 3);
      let list = byDivision.get(div);
      if (!list) byDivision.set(div, (list = []));
      list.push(c);
    }
    for (const section of Object.keys(sections)) {
      const divisions = [...byDivision.keys()].filter((d) => d.startsWith(section)).sort();
      const divWeights = divisions.map((d) =>
        section === 'C' ? (MANUFACTURING_DIVISION_WEIGHTS[d] ?? 1) : 1,
      );
      const divTotal = divWeights.reduce((a, b) => a + b, 0);
      divisions.forEach((d, i) => {
        const list = byDivision.get(d)!;
        for (const c of list) {
          codes.push(c.code);
          weights.push(((sections[section] ?? 0) * divWeights[i]!) / divTotal / list.length);
        }
      });
    }
    return { codes, cum: cumulative(weights) };
  };
  const all = build(SECTION_WEIGHTS);
  const manufacturing = build({ C: 1 });
  return {
    draw: (rng) => all.codes[drawIndex(rng, all.cum)]!,
    drawManufacturing: (rng) => manufacturing.codes[drawIndex(rng, manufacturing.cum)]!,
  };
}

/** Region sampler: province weights → city. */
export interface RegionSampler {
  draw(rng: Random): string;
  /** A region under `prefix` (a 2-, 4- or 6-digit code). */
  drawUnder(rng: Random, prefix: string): string;
}

/** Builds the region sampler of calibration.ts. */
export function createRegionSampler(): RegionSampler {
  const provinces = Object.keys(PROVINCE_WEIGHTS).sort();
  const cum = cumulative(provinces.map((p) => PROVINCE_WEIGHTS[p]!));
  return {
    draw: (rng) => rng.pick(PROVINCE_CITIES[provinces[drawIndex(rng, cum)]!]!),
    drawUnder: (rng, prefix) => {
      const cities = (PROVINCE_CITIES[prefix.slice(0, 2)] ?? []).filter((c) =>
        c.startsWith(prefix),
      );
      return cities.length > 0 ? rng.pick(cities) : prefix.padEnd(6, '0');
    },
  };
}

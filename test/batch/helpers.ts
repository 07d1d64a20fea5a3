/**
 * Shared fixtures of the sweep tests: the small market's sweep options, in small chunks so a
 * sweep of a few hundred enterprises spreads over several chunks and threads.
 */
import type { SweepOptions } from '../../src/batch/sweep.js';
import { AS_OF, smallMarket } from '../compile/helpers.js';

/** Top 4 of each enterprise of the small market, 16 enterprises a chunk, in id order. */
export function smallSweepOptions() {
  const m = smallMarket();
  return {
    asOf: AS_OF,
    k: 4,
    chains: m.chains,
    zones: m.zones,
    batchSize: 16,
    ordered: true,
  } satisfies SweepOptions;
}

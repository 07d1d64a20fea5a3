/**
 * The calling thread's sweep rankers, kept between sweeps of the same setup. A ranker fills
 * its catalogue's tables lazily, per key it meets (each eligibility rule's bits and each key
 * factor's values over every product), and interns every key in its dictionaries: a new
 * ranker does all of that again. A sweep of 2,000 seed-scale enterprises in a warm process
 * spent about half its time there, and a whole-market sweep ≈ 0.2–0.3 s of CPU per thread.
 * So a sweep that finished gives its rankers back here, and the next sweep whose setup
 * serialises to the same bytes (catalogue, profile, `asOf`, reference data, `k`, what is
 * output, the shard) takes them instead of building new ones.
 *
 * One setup is kept (the last given back), with a lineage number: the workers kept with it
 * (`worker-pool.ts`) hold rankers whose dictionaries follow this one's, and the lineage tells
 * a worker whether it may keep using them. Concurrent sweeps never share rankers: taken ones
 * are out of the cache until given back. What is kept is dropped after the sweep's
 * {@link SweepOptions.workerIdleMs}, by `closeSweepWorkers()`, or when another setup is
 * given back.
 *
 * @module
 */
import { SweepRankers, type SweepSetup } from './sweep-core.js';

/** Rankers of one setup, with the setup's bytes and the lineage their dictionaries start. */
export interface LineageRankers {
  rankers: SweepRankers;
  /** The setup, v8-serialised: the key rankers are kept under. */
  bytes: Uint8Array;
  /** Numbers the dictionaries' history: new rankers, new lineage. */
  lineage: number;
}

let kept: (LineageRankers & { timer: ReturnType<typeof setTimeout> }) | undefined;
let lineages = 0;
/** Setups workers answered with the rankers they kept (for tests). */
let workerReuses = 0;

/**
 * The kept rankers when `bytes` (the serialised `setup`) equal theirs, taken out of the cache;
 * otherwise new ones, of a new lineage.
 */
export function takeRankers(setup: SweepSetup, bytes: Uint8Array): LineageRankers {
  if (kept && sameBytes(kept.bytes, bytes)) {
    const { rankers, lineage, timer } = kept;
    clearTimeout(timer);
    kept = undefined;
    return { rankers, bytes, lineage };
  }
  return { rankers: new SweepRankers(setup), bytes, lineage: ++lineages };
}

/**
 * Keeps the rankers of a sweep that finished for `idleMs` (0: not kept), in place of any kept
 * before.
 */
export function giveBackRankers(entry: LineageRankers, idleMs: number): void {
  if (idleMs === 0) return;
  entry.rankers.reset();
  dropKeptRankers();
  const timer = setTimeout(dropKeptRankers, idleMs);
  timer.unref();
  kept = { ...entry, timer };
}

/** Drops the kept rankers, if any. */
export function dropKeptRankers(): void {
  if (!kept) return;
  clearTimeout(kept.timer);
  kept = undefined;
}

/** Notes a worker's answer to a setup: whether it kept its rankers for it. */
export function noteWorkerSetup(reused: boolean): void {
  if (reused) workerReuses++;
}

/**
 * The lineage of the rankers kept now on this thread, if any, and how many setups workers
 * have answered with rankers they kept, in this process.
 *
 * @internal for tests
 */
export function keptRankerStats(): { lineage: number | undefined; workerReuses: number } {
  return { lineage: kept?.lineage, workerReuses };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    a.length === b.length &&
    Buffer.from(a.buffer, a.byteOffset, a.length).equals(
      Buffer.from(b.buffer, b.byteOffset, b.length),
    )
  );
}

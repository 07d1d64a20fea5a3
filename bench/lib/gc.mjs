// A collected heap before timing: the runner and its parts call this so that each timed
// section pays for its own garbage, not for what ran before it.

/** Milliseconds left for V8's concurrent sweeping after a forced collection. */
export const GC_SETTLE_MS = 1000;

/**
 * A full collection of this process's heap (with `--expose-gc`; nothing without), then
 * {@link GC_SETTLE_MS} for V8's concurrent sweeping: after a forced collection of GBs, the next
 * calls on the 2 cores — this process's or a child's — pay for it.
 */
export async function collected() {
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, GC_SETTLE_MS));
}

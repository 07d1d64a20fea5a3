/**
 * A host application that allocates between calls, as a web service does: each `tick()` builds
 * a response-sized batch of short-lived objects and strings (`objectsPerTick`, ≈ 150 B each)
 * and keeps the last `retainedTicks` batches alive (a cache of recent responses), so the young
 * generation fills and objects are promoted, and finmatch's calls meet the scavenges and
 * mark-sweeps a real host causes. The host's own work is not timed.
 */
export function allocatingHost({ objectsPerTick = 4000, retainedTicks = 64 } = {}) {
  const retained = new Array(retainedTicks);
  let tick = 0;
  let checksum = 0;
  return {
    tick() {
      const batch = new Array(objectsPerTick);
      for (let i = 0; i < objectsPerTick; i++)
        batch[i] = { id: `req-${tick}-${i}`, score: i / objectsPerTick, tags: [tick, i] };
      checksum += JSON.stringify(batch[tick % objectsPerTick]).length;
      retained[tick++ % retainedTicks] = batch;
    },
    /** Bytes of JSON the host produced (keeps the work observable, so it is not optimised away). */
    get checksum() {
      return checksum;
    },
  };
}

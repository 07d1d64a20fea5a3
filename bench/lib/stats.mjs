/** Median of an array of numbers. */
export function median(xs) {
  return quantile(xs, 0.5);
}

/**
 * The `q` quantile (0–1) of an array of numbers, linearly interpolated between the two nearest
 * ranks (numpy's default, "linear"), so p50 of an even-length sample is the usual median.
 */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** `{ p50, p95, n }` of per-call milliseconds. */
export function summarise(ms) {
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), n: ms.length };
}

/** Times `fn(i)` for each i < n after `warm` warm-up calls; returns per-call milliseconds. */
export function timeEach(n, fn, warm = Math.min(20, n)) {
  for (let i = 0; i < warm; i++) fn(i);
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** As {@link timeEach} for an async `fn` (the DuckDB client's queries are promises). */
export async function timeEachAsync(n, fn, warm = Math.min(20, n)) {
  for (let i = 0; i < warm; i++) await fn(i);
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Times `a(i)` and `b(i)` alternately for i < n, call by call, so load from other work on the
 * machine falls on both alike, with `between()` untimed before each call (a host's garbage,
 * say). Every call is timed, the first included. Returns both lists of per-call ms.
 */
export function timeAlternating(n, a, b, between = () => {}) {
  const as = [];
  const bs = [];
  for (let i = 0; i < n; i++) {
    between();
    let t = performance.now();
    a(i);
    as.push(performance.now() - t);
    between();
    t = performance.now();
    b(i);
    bs.push(performance.now() - t);
  }
  return [as, bs];
}

/** A fixed pseudo-random sequence (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

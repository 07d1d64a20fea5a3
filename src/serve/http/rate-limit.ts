/**
 * Per-key rate limits: a token bucket per API key, in this replica's memory (with R replicas
 * behind a balancer a key gets at most R times the rate; state it to tenants that way).
 *
 * @module
 */

/** Options of {@link RateLimiter}. */
export interface RateLimit {
  /** Sustained requests per second per key. */
  perSecond: number;
  /** Burst: requests a key may make at once after being idle. */
  burst: number;
}

/** Token buckets by key id. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else seconds until the next token. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.buckets.clear();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }
}

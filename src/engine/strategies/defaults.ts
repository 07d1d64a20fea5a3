/**
 * Default tunables of the ranking strategies in this folder, in one place. Each says its range
 * and its effect; strategy options override them per factory call.
 *
 * @module
 */

/**
 * Resolution at which `lexicographicStrategy` quantises each tier's weighted mean before
 * comparing tiers: a tier mean m becomes `round(m / resolution) × resolution`. Two candidates
 * whose tier means differ by less than about this much tie on that tier and are separated by
 * the next tier, so floating-point noise (≈1e-16) or a negligible policy difference never
 * outranks a clear difference in fit. Range (0, 1]; default 0.001 (a tenth of a percentage
 * point).

 */
export const DEFAULT_TIER_RESOLUTION = 1e-3;

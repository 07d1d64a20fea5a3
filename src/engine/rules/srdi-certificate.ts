/**
 * SRDI certificate standing at a date, as the rules and factors use it. Delegates to
 * {@link effectiveSrdiTier} (src/taxonomy/srdi.ts): certificates are valid for 3 years from
 * `certifiedOn` and then reviewed (复核) (srdi.md §0); an expired or not-yet-granted
 * certificate counts as no tier (`none`); an undated one is taken at face value.
 *
 * @module
 */
import type { SrdiCertification } from '../../model/types.js';
import type { SrdiTier } from '../../taxonomy/ladders.js';
import { effectiveSrdiTier } from '../../taxonomy/srdi.js';

/** A certificate's standing at the evaluation date. */
export interface SrdiCertificateStatus {
  /** The tier that counts at `asOf`: the certified tier, or `none` once expired. */
  effectiveTier: SrdiTier;
  /** The tier on the certificate. */
  certifiedTier: SrdiTier;
  /** True when the certificate had expired by `asOf`. */
  expired: boolean;
  /** First day the certificate is no longer valid, when `certifiedOn` is known. */
  expiresOn?: string;
}

// Pure in (cert, asOf): memoised per certificate object for the last date asked (records are
// not mutated after parsing), since rules, factors and fast-path keys ask repeatedly.
const memo = new WeakMap<SrdiCertification, { asOf: string; status: SrdiCertificateStatus }>();

/** The tier that counts at `asOf`, and whether the certificate has expired. */
export function srdiCertificateStatus(
  cert: SrdiCertification,
  asOf: string,
): SrdiCertificateStatus {
  const hit = memo.get(cert);
  if (hit && hit.asOf === asOf) return hit.status;
  const status = computeStatus(cert, asOf);
  if (typeof cert === 'object' && cert !== null) memo.set(cert, { asOf, status });
  return status;
}

function computeStatus(cert: SrdiCertification, asOf: string): SrdiCertificateStatus {
  const e = effectiveSrdiTier(cert, asOf);
  return {
    effectiveTier: e.tier,
    certifiedTier: e.certifiedTier,
    expired: e.status === 'expired',
    ...(e.expiresOn !== undefined ? { expiresOn: e.expiresOn } : {}),
  };
}

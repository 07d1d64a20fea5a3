/**
 * Subject keys shared by rules and factors (fast-path hooks, see `SubjectKey` in
 * ../types.ts): for a fixed target, each part declaring one of these depends on the
 * subject (enterprise or project) only through the returned string. One function object per
 * key, so an index encodes each key once however many parts use it.
 *
 * @module
 */
import type { Enterprise, Project } from '../../model/types.js';
import type { KeyEnv } from '../types.js';
import { SRDI_RULE_SETS } from '../../model/enums.js';
import { SRDI_TIERS } from '../../taxonomy/ladders.js';
import { srdiCertificateStatus } from './srdi-certificate.js';

/** The GB/T 4754 sector code. */
export const sectorKey = (e: Enterprise): string => e.sector;
/** The 6-digit region code. */
export const regionKey = (e: Enterprise): string => e.region;
/** The development stage. */
export const stageKey = (e: Enterprise): string => e.stage;
// effectiveSrdiKey: whether a dated certificate counts at `asOf` depends only on its
// `certifiedOn` (for a well-formed tier and rule set), so it is decided once per distinct date
// by the real status function and reused; anything unusual takes the real function directly.
let srdiAsOf: string | undefined;
const srdiValidOn = new Map<string, boolean>();
const TIERS: readonly string[] = SRDI_TIERS;
const RULE_SETS: readonly string[] = SRDI_RULE_SETS;

/** The SRDI tier that counts at `asOf` (expired certificates count as `none`). */
export const effectiveSrdiKey = (e: Enterprise, env: KeyEnv): string => {
  const cert = e.srdi as Partial<Enterprise['srdi']> | null;
  if (
    cert === null ||
    typeof cert !== 'object' ||
    !TIERS.includes(cert.tier as string) ||
    (cert.ruleSet !== undefined && !RULE_SETS.includes(cert.ruleSet as string))
  ) {
    return srdiCertificateStatus(e.srdi, env.asOf).effectiveTier;
  }
  if (env.asOf !== srdiAsOf) {
    // Validates `asOf` exactly as the status function does for any well-formed certificate.
    srdiCertificateStatus({ tier: 'none' }, env.asOf);
    srdiValidOn.clear();
    srdiAsOf = env.asOf;
  }
  const on = cert.certifiedOn;
  if (cert.tier === 'none' || on === undefined) return cert.tier as string;
  let valid = srdiValidOn.get(on);
  if (valid === undefined) {
    valid = srdiCertificateStatus(e.srdi, env.asOf).effectiveTier !== 'none';
    srdiValidOn.set(on, valid);
  }
  return valid ? (cert.tier as string) : 'none';
};
/** The need's acceptable instruments, in preference order. */
export const instrumentsKey = (e: Enterprise): string => e.need.instruments.join(',');
/** The collateral kinds offered, as listed. */
export const collateralKey = (e: Enterprise): string => e.collateral.join(',');
/** The official policy lists the enterprise is on, as listed. */
export const policyListsKey = (e: Enterprise): string => e.policyLists.join(',');
/** The founding year (years operating is a function of it at a fixed `asOf`). */
export const foundedYearKey = (e: Enterprise): string => String(e.foundedYear);
/** Chain memberships (chain and role) and zones, as listed. */
export const chainZoneKey = (e: Enterprise): string =>
  `${e.chains.map((c) => `${c.chainId}:${c.role}`).join(',')}|${e.zones.join(',')}`;

/** The project's GB/T 4754 sector code. */
export const projectSectorKey = (p: Project): string => p.sector;
/** The project's 6-digit region code. */
export const projectRegionKey = (p: Project): string => p.region;
/** The round the project is raising. */
export const projectRoundKey = (p: Project): string => p.round;
/** The project's technology readiness level (1–9). */
export const projectTrlKey = (p: Project): string => String(p.trl);
/** The instrument the project seeks. */
export const projectInstrumentKey = (p: Project): string => p.need.instrument;
/** The SRDI tier of the project's owner enterprise, as recorded on the project. */
export const ownerSrdiTierKey = (p: Project): string => p.ownerSrdiTier;

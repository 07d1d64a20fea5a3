/**
 * Subject keys shared by rules and factors (fast-path hooks, see `SubjectKey` in
 * ../types.ts): for a fixed target, each part declaring one of these depends on the
 * enterprise only through the returned string. One function object per key, so an index
 * encodes each key once however many parts use it.
 *
 * @module
 */
import type { Enterprise } from '../../model/types.js';
import type { KeyEnv } from '../types.js';
import { srdiCertificateStatus } from './srdi-certificate.js';

/** The GB/T 4754 sector code. */
export const sectorKey = (e: Enterprise): string => e.sector;
/** The 6-digit region code. */
export const regionKey = (e: Enterprise): string => e.region;
/** The development stage. */
export const stageKey = (e: Enterprise): string => e.stage;
/** The SRDI tier that counts at `asOf` (expired certificates count as `none`). */
export const effectiveSrdiKey = (e: Enterprise, env: KeyEnv): string =>
  srdiCertificateStatus(e.srdi, env.asOf).effectiveTier;
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

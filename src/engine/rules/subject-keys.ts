/**
 * Subject keys shared by rules and factors (fast-path hooks, see `SubjectKey` in
 * ../types.ts): for a fixed target, each part declaring one of these depends on the
 * subject (enterprise or project) only through the returned value. One function object per
 * key, so an index encodes each key once however many parts use it.
 *
 * @module
 */
import type { Enterprise, Project } from '../../model/types.js';
import type { KeyEnv, MarketReference, SubjectKeyValue } from '../types.js';
import {
  CHAIN_ROLES,
  COLLATERAL_KINDS,
  INSTRUMENTS,
  POLICY_LISTS,
  SRDI_RULE_SETS,
} from '../../model/enums.js';
import { SRDI_TIERS } from '../../taxonomy/ladders.js';
import { srdiCertificateStatus } from './srdi-certificate.js';
import { subjectKey } from './subject-key.js';
import {
  KEY_CODE_START,
  LIST_LENGTH_RADIX,
  NO_CODE,
  appendDigit,
  appendList,
  fallbackKey,
  vocabulary,
  type Vocabulary,
} from './key-code.js';

/** The GB/T 4754 sector code. */
export const sectorKey = subjectKey(['sector'], (e: Enterprise): string => e.sector);
/** The 6-digit region code. */
export const regionKey = subjectKey(['region'], (e: Enterprise): string => e.region);
/** The development stage. */
export const stageKey = subjectKey(['stage'], (e: Enterprise): string => e.stage);
// effectiveSrdiKey: whether a dated certificate counts at `asOf` depends only on its
// `certifiedOn` (for a well-formed tier and rule set), so it is decided once per distinct date
// by the real status function and reused; anything unusual takes the real function directly.
let srdiAsOf: string | undefined;
const srdiValidOn = new Map<string, boolean>();
const TIERS: readonly string[] = SRDI_TIERS;
const RULE_SETS: readonly string[] = SRDI_RULE_SETS;

/** The SRDI tier that counts at `asOf` (expired certificates count as `none`). */
export const effectiveSrdiKey = subjectKey(['srdi'], (e: Enterprise, env: KeyEnv): string => {
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
});
// The list keys below are coded as integers from their vocabularies (see ./key-code.ts); a
// member outside the vocabulary (a record that skipped validation) falls back to a string
// (fallbackKey), which no code equals.
const INSTRUMENT_DIGITS = vocabulary(INSTRUMENTS);
const COLLATERAL_DIGITS = vocabulary(COLLATERAL_KINDS);
/** Digits of the policy lists (shared with `policyPriorityKey`). */
export const POLICY_LIST_DIGITS = vocabulary(POLICY_LISTS);

/** The need's acceptable instruments, in preference order. */
export const instrumentsKey = subjectKey(['need'], (e: Enterprise): SubjectKeyValue => {
  const list = e.need.instruments;
  const code = appendList(KEY_CODE_START, list, INSTRUMENT_DIGITS);
  return code === NO_CODE ? fallbackKey(list) : code;
});
/** The collateral kinds offered, as listed. */
export const collateralKey = subjectKey(['collateral'], (e: Enterprise): SubjectKeyValue => {
  const list = e.collateral;
  const code = appendList(KEY_CODE_START, list, COLLATERAL_DIGITS);
  return code === NO_CODE ? fallbackKey(list) : code;
});
/** The official policy lists the enterprise is on, as listed. */
export const policyListsKey = subjectKey(['policyLists'], (e: Enterprise): SubjectKeyValue => {
  const list = e.policyLists;
  const code = appendList(KEY_CODE_START, list, POLICY_LIST_DIGITS);
  return code === NO_CODE ? fallbackKey(list) : code;
});
/** The founding year (years operating is a function of it at a fixed `asOf`). */
export const foundedYearKey = subjectKey(
  ['foundedYear'],
  (e: Enterprise): SubjectKeyValue => e.foundedYear,
);

/** How {@link chainZoneKey} codes memberships under one reference. */
interface ChainZoneDigits {
  chains: Vocabulary;
  zones: Vocabulary;
  tokens?: ChainZoneTokens;
}
const CHAIN_ROLE_DIGITS = vocabulary(CHAIN_ROLES);
const chainZoneDigits = new WeakMap<MarketReference, ChainZoneDigits>();

/**
 * The digit of a membership of chain `chainId` with `role` under `digits` (`chain · roles +
 * role`, below `chains · roles`), or undefined for a chain or role outside them: one numbering
 * for {@link chainZoneKey} and {@link chainZoneTokens}.
 */
function membershipDigit(
  digits: ChainZoneDigits,
  chainId: string,
  role: string,
): number | undefined {
  const chain = digits.chains.get(chainId);
  const r = CHAIN_ROLE_DIGITS.get(role);
  return chain === undefined || r === undefined ? undefined : chain * CHAIN_ROLE_DIGITS.size + r;
}

/** The chain and zone vocabularies of `reference`: its ids, in its order. */
function chainZoneDigitsOf(reference: MarketReference): ChainZoneDigits {
  let digits = chainZoneDigits.get(reference);
  if (!digits) {
    digits = {
      chains: vocabulary(reference.chains?.keys() ?? []),
      zones: vocabulary(reference.zones?.keys() ?? []),
    };
    chainZoneDigits.set(reference, digits);
  }
  return digits;
}

/**
 * Chain memberships (chain and role) and zones, as listed: coded from the reference's chain and
 * zone ids; a chain or zone the reference does not hold falls back to a JSON string.
 */
export const chainZoneKey = subjectKey(
  ['chains', 'zones'],
  (e: Enterprise, env: KeyEnv): SubjectKeyValue => {
    const digits = chainZoneDigitsOf(env.reference);
    // A membership is one digit (membershipDigit).
    const radix = digits.chains.size * CHAIN_ROLE_DIGITS.size;
    let code = KEY_CODE_START;
    for (let i = 0; i < e.chains.length && code >= 0; i++) {
      const m = e.chains[i]!;
      const digit = membershipDigit(digits, m.chainId, m.role);
      code = digit === undefined ? NO_CODE : appendDigit(code, digit, radix);
    }
    code = appendList(appendDigit(code, e.chains.length, LIST_LENGTH_RADIX), e.zones, digits.zones);
    return code === NO_CODE
      ? fallbackKey(
          e.chains.map((c) => [c.chainId, c.role]),
          e.zones,
        )
      : code;
  },
);

/**
 * Chain memberships and zones as tokens (the `chainZone` factor's `tokens` hook), under one
 * reference: numbers from its ids — a membership `chain · roles + role`, a zone
 * `chains · roles + zone` — or, for an id it does not hold, a string (`c:<chain>:<role>`,
 * `z:<zone>`), which no number equals.
 */
export interface ChainZoneTokens {
  membership(chainId: string, role: string): SubjectKeyValue;
  zone(zoneId: string): SubjectKeyValue;
}

/** The {@link ChainZoneTokens} of `reference` (made once per reference). */
export function chainZoneTokens(reference: MarketReference): ChainZoneTokens {
  const digits = chainZoneDigitsOf(reference);
  if (!digits.tokens) {
    const { zones } = digits;
    const memberships = digits.chains.size * CHAIN_ROLE_DIGITS.size;
    digits.tokens = {
      membership(chainId, role) {
        return membershipDigit(digits, chainId, role) ?? `c:${chainId}:${role}`;
      },
      zone(zoneId) {
        const zone = zones.get(zoneId);
        return zone === undefined ? `z:${zoneId}` : memberships + zone;
      },
    };
  }
  return digits.tokens;
}

/** The project's GB/T 4754 sector code. */
export const projectSectorKey = subjectKey(['sector'], (p: Project): string => p.sector);
/** The project's 6-digit region code. */
export const projectRegionKey = subjectKey(['region'], (p: Project): string => p.region);
/** The round the project is raising. */
export const projectRoundKey = subjectKey(['round'], (p: Project): string => p.round);
/** The project's technology readiness level (1–9). */
export const projectTrlKey = subjectKey(['trl'], (p: Project): SubjectKeyValue => p.trl);
/** The instrument the project seeks. */
export const projectInstrumentKey = subjectKey(['need'], (p: Project): string => p.need.instrument);
/** The SRDI tier of the project's owner enterprise, as recorded on the project. */
export const ownerSrdiTierKey = subjectKey(
  ['ownerSrdiTier'],
  (p: Project): string => p.ownerSrdiTier,
);

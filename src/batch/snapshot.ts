/**
 * Snapshots: the records, the profile spec and the evaluation date of a ranking, in a
 * versioned JSON format, so a ranking can be reproduced exactly for audit. Loading rebuilds
 * the index and matcher from the records (the encoding is derived, never trusted).
 *
 * @module
 */
import { SnapshotError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import type { Enterprise, FinancialProduct, IndustrialChain, SpecialZone } from '../model/types.js';
import type { EnterpriseIndex, ProductMatcher } from '../engine/api.js';
import { createEnterpriseIndex, createProductMatcher } from '../engine/matchers/index.js';
import { profileFromSpec, profileToSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { EnterpriseProductProfile } from '../engine/types.js';

/** Format name written in every snapshot header. */
export const SNAPSHOT_FORMAT = 'finmatch-snapshot';
/** Version of the snapshot format this build reads and writes. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** The header of a snapshot. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  /** finmatch version that wrote it. */
  finmatchVersion: string;
  asOf: string;
  locale: Locale;
  profile: ProfileSpec;
  counts: { enterprises: number; products: number; chains: number; zones: number };
}

/** What a snapshot holds. */
export interface SnapshotContent {
  enterprises: readonly Enterprise[];
  products: readonly FinancialProduct[];
  profile: EnterpriseProductProfile;
  asOf: string;
  locale?: Locale;
  chains?: readonly IndustrialChain[];
  zones?: readonly SpecialZone[];
  /** Written into the header. Default `unknown`. */
  finmatchVersion?: string;
}

/** A loaded snapshot: its header and the index and matcher rebuilt from it. */
export interface LoadedSnapshot {
  header: SnapshotHeader;
  enterpriseIndex: EnterpriseIndex;
  productMatcher: ProductMatcher;
}

/**
 * Serialises a snapshot to JSON text.
 *
 * @throws ProfileError when the profile holds custom parts (see `profileToSpec`).
 */
export function saveSnapshot(content: SnapshotContent): string {
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    finmatchVersion: content.finmatchVersion ?? 'unknown',
    asOf: content.asOf,
    locale: content.locale ?? 'zh',
    profile: profileToSpec(content.profile),
    counts: {
      enterprises: content.enterprises.length,
      products: content.products.length,
      chains: content.chains?.length ?? 0,
      zones: content.zones?.length ?? 0,
    },
  };
  return JSON.stringify({
    header,
    enterprises: content.enterprises,
    products: content.products,
    chains: content.chains ?? [],
    zones: content.zones ?? [],
  });
}

/**
 * Reads a snapshot (JSON text, its UTF-8 bytes, or the parsed object).
 *
 * @throws {@link SnapshotError} when it is not a finmatch snapshot, its format version is not
 * {@link SNAPSHOT_FORMAT_VERSION}, or its record counts disagree with the header.
 */
export function loadSnapshot(input: string | Uint8Array | object): LoadedSnapshot {
  let data: unknown = input;
  try {
    if (typeof input === 'string') data = JSON.parse(input);
    else if (input instanceof Uint8Array) data = JSON.parse(new TextDecoder().decode(input));
  } catch (e) {
    throw new SnapshotError(`not a finmatch snapshot: ${(e as Error).message}`);
  }
  const d = data as Partial<{
    header: SnapshotHeader;
    enterprises: Enterprise[];
    products: FinancialProduct[];
    chains: IndustrialChain[];
    zones: SpecialZone[];
  }>;
  const h = d?.header;
  if (!h || h.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError('not a finmatch snapshot (no header)');
  if (h.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotError(
      `snapshot format version ${String(h.formatVersion)} is not supported (this build reads ${SNAPSHOT_FORMAT_VERSION})`,
    );
  }
  const enterprises = d.enterprises ?? [];
  const products = d.products ?? [];
  if (enterprises.length !== h.counts.enterprises || products.length !== h.counts.products) {
    throw new SnapshotError('snapshot record counts disagree with its header');
  }
  const profile = profileFromSpec(h.profile) as unknown as EnterpriseProductProfile;
  const options = {
    profile,
    asOf: h.asOf,
    locale: h.locale,
    chains: d.chains ?? [],
    zones: d.zones ?? [],
  };
  return {
    header: h,
    enterpriseIndex: createEnterpriseIndex(enterprises, options),
    productMatcher: createProductMatcher(products, options),
  };
}

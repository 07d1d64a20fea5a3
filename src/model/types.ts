/**
 * Record types, inferred from the zod schemas. `*Input` types are what callers may pass
 * (defaults optional, sector codes in any accepted spelling); the plain names are the
 * normalised records that `parse*` returns.
 *
 * @module
 */
import type { z } from 'zod';
import type { Schemas } from './schemas.js';

/** An enterprise seeking finance (validated and normalised). */
export type Enterprise = z.output<Schemas['enterprise']>;
/** An enterprise as callers may write it. */
export type EnterpriseInput = z.input<Schemas['enterprise']>;
/** The enterprise's financing need. */
export type FinancingNeed = Enterprise['need'];
/** An existing loan of the enterprise. */
export type ExistingLoan = Enterprise['existingLoans'][number];
/** SRDI certification of an enterprise. */
export type SrdiCertification = Enterprise['srdi'];

/** A financial institution. */
export type Institution = z.output<Schemas['institution']>;
export type InstitutionInput = z.input<Schemas['institution']>;

/** A financial product offered by an institution. */
export type FinancialProduct = z.output<Schemas['product']>;
export type FinancialProductInput = z.input<Schemas['product']>;

/** A science-and-technology project seeking investment. */
export type Project = z.output<Schemas['project']>;
export type ProjectInput = z.input<Schemas['project']>;

/** An investor (fund, VC, angel…). */
export type Investor = z.output<Schemas['investor']>;
export type InvestorInput = z.input<Schemas['investor']>;

/** An interaction between an enterprise/project and a product/investor. */
export type Interaction = z.output<Schemas['interaction']>;
export type InteractionInput = z.input<Schemas['interaction']>;

/** An industrial chain ("one chain, one policy, one batch"). */
export type IndustrialChain = z.output<Schemas['chain']>;
export type IndustrialChainInput = z.input<Schemas['chain']>;

/** A special zone of the platform. */
export type SpecialZone = z.output<Schemas['zone']>;
export type SpecialZoneInput = z.input<Schemas['zone']>;

/** A numeric range with `min ≤ max`. */
export interface Range {
  min: number;
  max: number;
}

/** Record type by kind name. */
export interface RecordByKind {
  enterprise: Enterprise;
  institution: Institution;
  product: FinancialProduct;
  project: Project;
  investor: Investor;
  interaction: Interaction;
  chain: IndustrialChain;
  zone: SpecialZone;
}

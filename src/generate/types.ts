/**
 * The shape of a generated market (see `generateMarket`).
 *
 * @module
 */
import type {
  Enterprise,
  FinancialProduct,
  IndustrialChain,
  Institution,
  Interaction,
  Investor,
  Project,
  SpecialZone,
} from '../model/types.js';
import type { InstitutionBehaviour, InvestorBehaviour } from './behaviour.js';

export type { Behaviour, InstitutionBehaviour, InvestorBehaviour } from './behaviour.js';

/** Market sizes: `seed` matches the platform's published figures, `small` is about 1% of the enterprises. */
export type MarketScale = 'seed' | 'small';

/** Options of `generateMarket`. */
export interface GenerateOptions {
  /** Seed of every random choice. Default 1. */
  seed?: number;
  /** Size. Default `small`. */
  scale?: MarketScale;
  /** Evaluation date the market is generated for (YYYY-MM-DD). Default `2026-06-30`. */
  asOf?: string;
  /** Called with progress in [0, 1] during long generation. */
  onProgress?: (done: number, total: number, phase: string) => void;
}

/** Counts and provenance written to `manifest.json`. */
export interface MarketManifest {
  generator: string;
  version: string;
  seed: number;
  scale: MarketScale;
  asOf: string;
  counts: Record<
    | 'enterprises'
    | 'institutions'
    | 'products'
    | 'projects'
    | 'investors'
    | 'interactions'
    | 'chains'
    | 'zones',
    number
  >;
}

/**
 * The hidden "true fit" the interactions were drawn from, so rankings can be scored against an
 * oracle, and the latent behaviour it was built from. Fit values in [0, 1]; 0 for pairs that
 * are not eligible.
 */
export interface MarketTruth {
  enterpriseProduct(enterpriseId: string, productId: string): number;
  projectInvestor(projectId: string, investorId: string): number;
  /**
   * The institution's latent behaviour (footprint, sector book, size sweet spot, volume,
   * loyalty), or `undefined` for an unknown id. Read-only: the generator shares the object.
   * Always present on a market `generateMarket` returns; optional so that a hand-built
   * {@link Market} (e.g. for `writeMarket`) need not provide it.
   */
  institutionBehaviour?(institutionId: string): InstitutionBehaviour | undefined;
  /** The investor's latent behaviour (with its syndicate partners), or `undefined`. As above. */
  investorBehaviour?(investorId: string): InvestorBehaviour | undefined;
}

/** A generated market: every record kind, a manifest and the hidden truth. */
export interface Market {
  manifest: MarketManifest;
  enterprises: Enterprise[];
  institutions: Institution[];
  products: FinancialProduct[];
  projects: Project[];
  investors: Investor[];
  interactions: Interaction[];
  chains: IndustrialChain[];
  zones: SpecialZone[];
  truth: MarketTruth;
}

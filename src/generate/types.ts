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
 * oracle. Values in [0, 1]; 0 for pairs that are not eligible.
 */
export interface MarketTruth {
  enterpriseProduct(enterpriseId: string, productId: string): number;
  projectInvestor(projectId: string, investorId: string): number;
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

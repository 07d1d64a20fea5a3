/**
 * `generateMarket`: a deterministic synthetic industry–finance market calibrated to the
 * national platform's published figures (calibration.ts), with latent institution and
 * investor behaviour (behaviour.ts), a hidden true fit built from it (truth.ts) and
 * interactions simulated from both (interactions.ts).
 *
 * Pipeline: institutions → products → investors → latent behaviour → enterprises (existing
 * loans from banks of their region's footprints) → coverage repair (every product gets
 * eligible enterprises) → chains, zones, texts → projects → coverage repair → truth →
 * interactions. Same seed, scale and asOf → byte-identical JSON.
 *
 * @module
 */
import { markValidated } from '../model/validated.js';
import type { Enterprise } from '../model/types.js';
import { createRandom } from '../util/random.js';
import {
  COVERAGE_SAMPLE,
  DEFAULT_AS_OF,
  ENGLISH_TEXT_SHARE,
  GENERATOR_VERSION,
  MIN_ELIGIBLE_CANDIDATES,
  PROGRESS_EVERY,
  SEED_COUNTS,
  SMALL_ENTERPRISE_FRACTION,
} from './calibration.js';
import { assignSyndicatePartners, createMarketBehaviour } from './behaviour.js';
import { generateInstitutions, generateProducts } from './catalogue.js';
import { buildChains, buildZones, markKeyChainEnterprises } from './chains.js';
import { ensureCoverage } from './coverage.js';
import {
  checkEnterpriseProductRule,
  checkProjectInvestorRule,
  effectiveSrdiTierAt,
  eligibilityDates,
  ENTERPRISE_PRODUCT_RULES,
  isEnterpriseProductEligible,
  isProjectInvestorEligible,
  PROJECT_INVESTOR_RULES,
} from './eligibility.js';
import { conformEnterprise, createEnterpriseContext, generateEnterprise } from './enterprises.js';
import { generateInteractions } from './interactions.js';
import {
  conformProject,
  generateInvestors,
  generateProjects,
  writeProjectTexts,
} from './projects.js';
import { chance, createRegionSampler, createSectorSampler } from './sampling.js';
import { enterpriseName, enterpriseText } from './text.js';
import { createTruth } from './truth.js';
import type { GenerateOptions, Market, MarketScale } from './types.js';

export type {
  Behaviour,
  GenerateOptions,
  InstitutionBehaviour,
  InvestorBehaviour,
  Market,
  MarketManifest,
  MarketScale,
  MarketTruth,
} from './types.js';
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { dateOption, readOptions } from '../util/options.js';

/** The options {@link generateMarket} reads; any other key is an error. */
const GENERATE_OPTION_KEYS = ['seed', 'scale', 'asOf', 'onProgress'] as const;

/** Record counts of a scale (enterprises scale; everything else is fixed). */
export function marketCounts(scale: MarketScale): {
  enterprises: number;
  institutions: number;
  products: number;
  projects: number;
  investors: number;
  chains: number;
  zones: number;
} {
  return {
    enterprises:
      scale === 'seed'
        ? SEED_COUNTS.enterprises
        : Math.round(SEED_COUNTS.enterprises * SMALL_ENTERPRISE_FRACTION),
    institutions: SEED_COUNTS.institutions,
    products: SEED_COUNTS.products,
    projects: SEED_COUNTS.projects,
    investors: SEED_COUNTS.investors,
    chains: SEED_COUNTS.chains,
    zones: SEED_COUNTS.zones,
  };
}

function resolveOptions(options: GenerateOptions): {
  seed: number;
  scale: MarketScale;
  asOf: string;
  onProgress: GenerateOptions['onProgress'];
} {
  const o = readOptions(options, GENERATE_OPTION_KEYS);
  const seed = o.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new OptionError('seed', `seed must be an integer, received ${describeValue(seed)}`);
  const scale = o.scale ?? 'small';
  if (scale !== 'seed' && scale !== 'small')
    throw new OptionError(
      'scale',
      `scale must be 'seed' or 'small', received ${describeValue(scale)}`,
    );
  const asOf = dateOption(o.asOf ?? DEFAULT_AS_OF, 'asOf');
  const onProgress = o.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw new OptionError(
      'onProgress',
      `onProgress must be a function, received ${describeValue(onProgress)}`,
    );
  return { seed, scale, asOf, onProgress: onProgress as GenerateOptions['onProgress'] };
}

/**
 * Generates a synthetic market. Deterministic: the same `seed`, `scale` and `asOf` give
 * byte-identical records (fixed key order, normalised as `parseRecord` outputs them).
 *
 * At `scale: 'seed'`: 345,800 enterprises, 2,965 institutions, 741 products (17 of them
 * regional-equity SRDI boards), 260 projects, 160 investors, 30 chains and 24 zones. At
 * `scale: 'small'` (default): 3,458 enterprises and the same everything else. Every product
 * and investor has at least 3 eligible enterprises/projects (among the first-pass scan).
 *
 * @example
 * const market = generateMarket({ seed: 7, scale: 'small' });
 * market.truth.enterpriseProduct(market.enterprises[0].id, market.products[0].id); // in [0, 1]
 */
export function generateMarket(options: GenerateOptions = {}): Market {
  const { seed, scale, asOf, onProgress } = resolveOptions(options);
  const counts = marketCounts(scale);
  const dates = eligibilityDates(asOf);
  const root = createRandom(seed);
  const rng = {
    institutions: root.fork('institutions'),
    products: root.fork('products'),
    enterprises: root.fork('enterprises'),
    coverage: root.fork('coverage'),
    chains: root.fork('chains'),
    zones: root.fork('zones'),
    text: root.fork('text'),
    projects: root.fork('projects'),
    investors: root.fork('investors'),
    truth: root.fork('truth'),
    interactions: root.fork('interactions'),
    behaviour: root.fork('behaviour'),
  };
  const total = 2 * counts.enterprises + 6;
  let done = 0;
  const progress = (phase: string, step = 1) => {
    done += step;
    onProgress?.(Math.min(done, total), total, phase);
  };

  const sectors = createSectorSampler();
  const regions = createRegionSampler();
  const catalogue = generateInstitutions(rng.institutions, regions);
  const institutions = catalogue.institutions;
  const products = generateProducts(rng.products, catalogue, sectors);
  // Investors depend on nothing generated later (coverage repair edits projects, not them).
  const investors = generateInvestors(rng.investors, regions);
  const behaviour = createMarketBehaviour(rng.behaviour, {
    institutions,
    products,
    investors,
    sectors,
  });
  progress('catalogue');

  const ctx = createEnterpriseContext(dates, sectors, regions, (r, region) =>
    behaviour.drawLender(r, region),
  );
  const enterprises: Enterprise[] = new Array<Enterprise>(counts.enterprises);
  for (let i = 0; i < counts.enterprises; i++) {
    enterprises[i] = generateEnterprise(rng.enterprises, i, ctx);
    if ((i + 1) % PROGRESS_EVERY === 0) progress('enterprises', PROGRESS_EVERY);
  }
  progress('enterprises', counts.enterprises % PROGRESS_EVERY);

  // Every product gets ≥ 3 eligible enterprises among the scanned ones (all at small scale).
  const scanned =
    counts.enterprises <= COVERAGE_SAMPLE
      ? enterprises.map((_, i) => i)
      : rng.coverage
          .shuffle(enterprises.map((_, i) => i))
          .slice(0, COVERAGE_SAMPLE)
          .sort((a, b) => a - b);
  ensureCoverage(
    rng.coverage,
    {
      subjects: scanned.map((i) => enterprises[i]!),
      targets: products,
      eligible: (e, p) => isEnterpriseProductEligible(e, p, dates),
      failures: (e, p) =>
        ENTERPRISE_PRODUCT_RULES.reduce(
          (n, r) => n + (checkEnterpriseProductRule(r, e, p, dates) ? 0 : 1),
          0,
        ),
      clone: (e) => structuredClone(e),
      conform: (r, e, p) => void conformEnterprise(r, e, p, ctx),
      replace: (k, e) => void (enterprises[scanned[k]!] = e),
    },
    MIN_ELIGIBLE_CANDIDATES,
  );
  progress('coverage');

  const chains = buildChains(rng.chains, enterprises, products, dates);
  markKeyChainEnterprises(enterprises, dates);
  const zones = buildZones(rng.zones, enterprises, products, dates);
  progress('chains and zones');

  for (let i = 0; i < enterprises.length; i++) {
    const e = enterprises[i]!;
    e.name = enterpriseName(rng.text, e);
    e.text = enterpriseText(
      rng.text,
      e,
      chance(rng.text, ENGLISH_TEXT_SHARE),
      effectiveSrdiTierAt(e, dates),
    );
  }
  progress('texts');

  const byDivision = new Map<string, Enterprise[]>();
  for (const e of enterprises) {
    const key = e.sector.slice(0, 3);
    let list = byDivision.get(key);
    if (!list) byDivision.set(key, (list = []));
    list.push(e);
  }
  const projects = generateProjects(rng.projects, counts.projects, regions, byDivision);
  ensureCoverage(
    rng.coverage,
    {
      subjects: projects.slice(),
      targets: investors,
      eligible: (p, inv) => isProjectInvestorEligible(p, inv),
      failures: (p, inv) =>
        PROJECT_INVESTOR_RULES.reduce(
          (n, r) => n + (checkProjectInvestorRule(r, p, inv) ? 0 : 1),
          0,
        ),
      clone: (p) => structuredClone(p),
      conform: (r, p, inv) => void conformProject(r, p, inv, regions),
      replace: (k, p) => void (projects[k] = p),
    },
    MIN_ELIGIBLE_CANDIDATES,
  );
  writeProjectTexts(projects);
  assignSyndicatePartners(
    rng.behaviour.fork('syndicates'),
    behaviour,
    projects,
    investors,
    isProjectInvestorEligible,
  );
  progress('projects and investors');

  const truth = createTruth(rng.truth, {
    dates,
    behaviour,
    enterprises,
    products,
    projects,
    investors,
  });
  const base = done;
  const interactions = generateInteractions(rng.interactions, {
    asOf,
    enterprises,
    products,
    projects,
    investors,
    truth,
    behaviour,
    onProgress: (e) => {
      done = base + e;
      onProgress?.(done, total, 'interactions');
    },
  });
  done = base + counts.enterprises;
  progress('interactions');

  // Every record is built in parseRecord's normal form (test/generate checks each one), so
  // matchers given them need not validate 345,800 enterprises again.
  markValidated('enterprise', enterprises);
  markValidated('institution', institutions);
  markValidated('product', products);
  markValidated('project', projects);
  markValidated('investor', investors);
  markValidated('interaction', interactions);
  markValidated('chain', chains);
  markValidated('zone', zones);

  return {
    manifest: {
      generator: 'finmatch/generateMarket',
      version: GENERATOR_VERSION,
      seed,
      scale,
      asOf,
      counts: {
        enterprises: enterprises.length,
        institutions: institutions.length,
        products: products.length,
        projects: projects.length,
        investors: investors.length,
        interactions: interactions.length,
        chains: chains.length,
        zones: zones.length,
      },
    },
    enterprises,
    institutions,
    products,
    projects,
    investors,
    interactions,
    chains,
    zones,
    truth: {
      enterpriseProduct: truth.enterpriseProduct,
      projectInvestor: truth.projectInvestor,
      institutionBehaviour: truth.institutionBehaviour,
      investorBehaviour: truth.investorBehaviour,
    },
  };
}

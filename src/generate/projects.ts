/**
 * S&T projects (260) and investors (160) of the 科技产业金融一体化 project (platform.md §4),
 * with round/TRL/ticket consistency (stages-and-investors.md §2–§4), and
 * {@link conformProject}, the minimal edit that makes a project eligible for an investor.
 *
 * @module
 */
import { INVESTOR_KINDS } from '../model/enums.js';
import type { Enterprise, Investor, Project } from '../model/types.js';
import { type Round, type SrdiTier } from '../taxonomy/ladders.js';
import type { Random } from '../util/random.js';
import {
  DILUTION,
  INVESTOR_GENERALIST_SHARE,
  INVESTOR_SPECS,
  PROJECT_FIELDS,
  PROJECT_LOAN_SHARE,
  ROUND_WEIGHTS,
  TICKET_BY_ROUND,
  TRL_BY_ROUND,
} from './calibration.js';
import { chainsOfSector } from './chains.js';
import { checkProjectInvestorRule, sectorAllowed } from './eligibility.js';
import {
  chance,
  classesUnder,
  clampWan,
  drawKey,
  intBetween,
  logUniform,
  roundWan,
  uniform,
  type RegionSampler,
} from './sampling.js';
import { brand, cityName, investorThesis, projectName, projectText } from './text.js';

/** Owner tier weights by round: later rounds come from stronger owners [M]. */
const OWNER_TIER_BY_ROUND: Readonly<Record<Round, Readonly<Partial<Record<SrdiTier, number>>>>> = {
  seed: { none: 6, techSme: 4 },
  angel: { none: 5, techSme: 5 },
  preA: { none: 3, techSme: 5, srdi: 2 },
  A: { none: 2, techSme: 4, srdi: 3, littleGiant: 1 },
  B: { none: 1, techSme: 3, srdi: 4, littleGiant: 2 },
  C: { techSme: 2, srdi: 4, littleGiant: 3, champion: 0.5 },
  D: { srdi: 3, littleGiant: 4, champion: 1 },
  preIPO: { srdi: 2, littleGiant: 5, champion: 1 },
};

/** Share of projects owned by a generated enterprise of the same division ("企业出题") [M]. */
const OWNED_PROJECT_SHARE = 0.4;

function fieldOf(sector: string): number {
  const i = PROJECT_FIELDS.findIndex((f) => f.sectors.some((s) => sector.startsWith(s)));
  return i < 0 ? 0 : i;
}

function valuationFor(rng: Random, amount: number): number {
  return roundWan(amount / uniform(rng, DILUTION.min, DILUTION.max));
}

/** Generates the projects; owners are drawn from enterprises of the same division when any. */
export function generateProjects(
  rng: Random,
  count: number,
  regions: RegionSampler,
  enterprisesByDivision: ReadonlyMap<string, readonly Enterprise[]>,
): Project[] {
  const fieldCum = PROJECT_FIELDS.map((f) => f.weight);
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    const field = PROJECT_FIELDS[rng.weighted(fieldCum)]!;
    const sector = rng.pick(classesUnder(rng.pick(field.sectors))).code;
    const round = drawKey(rng, ROUND_WEIGHTS);
    const trlBand = TRL_BY_ROUND[round];
    const ticket = TICKET_BY_ROUND[round];
    const amount = roundWan(logUniform(rng, ticket.min, ticket.max));
    const instrument = chance(rng, PROJECT_LOAN_SHARE) ? 'loan' : 'equity';
    const owners = enterprisesByDivision.get(sector.slice(0, 3)) ?? [];
    const owner =
      owners.length > 0 && chance(rng, OWNED_PROJECT_SHARE) ? rng.pick(owners) : undefined;
    const project: Project = {
      id: `proj-${String(i + 1).padStart(3, '0')}`,
      name: projectName(rng, field.zh, sector),
      sector,
      trl: intBetween(rng, trlBand.min, trlBand.max),
      round,
      need: { amount, instrument },
      valuation: valuationFor(rng, amount),
      region: owner ? owner.region : regions.draw(rng),
      ownerSrdiTier: owner ? owner.srdi.tier : drawKey(rng, OWNER_TIER_BY_ROUND[round]),
      ...(owner ? { ownerEnterpriseId: owner.id } : {}),
      chains: chainsOfSector(sector),
      text: '',
    };
    projects.push(project);
  }
  return projects;
}

/** Fills project texts (after any repair). */
export function writeProjectTexts(projects: Project[]): void {
  for (const p of projects) p.text = projectText(p, PROJECT_FIELDS[fieldOf(p.sector)]!.zh);
}

/** Removes prefixes that lie under another prefix of the list; sorted. */
function minimalPrefixes(codes: Iterable<string>): string[] {
  const all = [...new Set(codes)].sort();
  return all.filter((c) => !all.some((o) => o !== c && c.startsWith(o)));
}

/** Generates the investors (INVESTOR_SPECS counts, in INVESTOR_KINDS order). */
export function generateInvestors(rng: Random, regions: RegionSampler): Investor[] {
  const investors: Investor[] = [];
  for (const kind of INVESTOR_KINDS) {
    const spec = INVESTOR_SPECS[kind];
    for (let k = 0; k < spec.count; k++) {
      const fields: number[] = [];
      if (!chance(rng, INVESTOR_GENERALIST_SHARE)) {
        const n = intBetween(rng, 1, 3);
        for (const f of rng.shuffle(PROJECT_FIELDS.map((_, i) => i)).slice(0, n)) fields.push(f);
        fields.sort((a, b) => a - b);
      }
      const targetSectors = minimalPrefixes(fields.flatMap((f) => PROJECT_FIELDS[f]!.sectors));
      const excludedSectors = targetSectors.length === 0 && chance(rng, 0.3) ? ['K'] : [];
      const rounds = [...rng.pick(spec.rounds)];
      const base = rng.pick(spec.tickets);
      const min = roundWan(base.min * uniform(rng, 0.8, 1.2));
      const max = Math.max(min * 2, roundWan(base.max * uniform(rng, 0.8, 1.2)));
      const trl = chance(rng, spec.trlShare)
        ? {
            min: Math.min(...rounds.map((r) => TRL_BY_ROUND[r].min)),
            max: Math.max(...rounds.map((r) => TRL_BY_ROUND[r].max)),
          }
        : undefined;
      const home = regions.draw(rng);
      const local = chance(rng, spec.localShare);
      const name = `${local ? cityName(home) : rng.pick(['国投', '中金', '华泰', '中科', '国新', '长江', '深创', '粤科', ''])}${brand(rng)}${rng.pick(spec.nameStems)}`;
      const investor: Investor = {
        id: `inv-${String(investors.length + 1).padStart(3, '0')}`,
        name,
        kind,
        targetSectors,
        excludedSectors,
        rounds,
        ...(trl ? { trl } : {}),
        ticket: { min, max },
        regions: local ? [home.slice(0, 2)] : [],
        capacity: intBetween(rng, spec.capacity.min, spec.capacity.max),
        investsVia: spec.investsVia,
        thesis: '',
      };
      investor.thesis = investorThesis(
        investor,
        spec.thesisZh,
        fields.map((f) => PROJECT_FIELDS[f]!.zh),
      );
      investors.push(investor);
    }
  }
  return investors;
}

/**
 * Edits `pr` in place so it passes every rule of `inv`, keeping round, TRL and amount
 * consistent (TRL inside the round's band where the investor's window allows; amount inside
 * the round's ticket band where the investor's ticket allows). Returns `pr`.
 */
export function conformProject(
  rng: Random,
  pr: Project,
  inv: Investor,
  regions: RegionSampler,
): Project {
  const fails = (rule: Parameters<typeof checkProjectInvestorRule>[0]) =>
    !checkProjectInvestorRule(rule, pr, inv);
  if (fails('round')) pr.round = rng.pick(inv.rounds);
  if (fails('trl') || pr.trl < TRL_BY_ROUND[pr.round].min || pr.trl > TRL_BY_ROUND[pr.round].max) {
    const band = TRL_BY_ROUND[pr.round];
    const lo = Math.max(band.min, inv.trl?.min ?? 1);
    const hi = Math.min(band.max, inv.trl?.max ?? 9);
    pr.trl =
      lo <= hi
        ? intBetween(rng, lo, hi)
        : intBetween(rng, inv.trl?.min ?? band.min, inv.trl?.max ?? band.max);
  }
  if (fails('ticket')) {
    const band = TICKET_BY_ROUND[pr.round];
    const lo = Math.max(band.min, inv.ticket.min);
    const hi = Math.min(band.max, inv.ticket.max);
    const [a, b] = lo <= hi ? [lo, hi] : [inv.ticket.min, inv.ticket.max];
    pr.need.amount = clampWan(logUniform(rng, a, b), inv.ticket.min, inv.ticket.max);
    pr.valuation = valuationFor(rng, pr.need.amount);
  }
  if (fails('sector')) {
    const options = (
      inv.targetSectors.length > 0 ? inv.targetSectors : PROJECT_FIELDS.flatMap((f) => f.sectors)
    )
      .flatMap((t) => classesUnder(t))
      .filter((c) => sectorAllowed(c.code, inv.targetSectors, inv.excludedSectors));
    pr.sector = rng.pick(options).code;
    pr.chains = chainsOfSector(pr.sector);
    // the owner no longer matches the project's industry
    if (pr.ownerEnterpriseId !== undefined) delete pr.ownerEnterpriseId;
  }
  if (fails('region')) {
    pr.region = regions.drawUnder(rng, rng.pick(inv.regions));
  }
  if (fails('instrument')) pr.need.instrument = 'equity';
  return pr;
}

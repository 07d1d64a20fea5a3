import { beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import type { Market } from '../../src/generate/types.js';
import type { Interaction } from '../../src/model/types.js';

const AS_OF = '2026-06-30';
/** Generating a market takes seconds; more on a loaded machine. */
const GENERATE_TIMEOUT_MS = 60_000;
let market: Market;
let institutionOf: Map<string, string>;
let regionOf: Map<string, string>;

beforeAll(() => {
  market = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
  institutionOf = new Map(market.products.map((p) => [p.id, p.institutionId]));
  regionOf = new Map(market.enterprises.map((e) => [e.id, e.region]));
}, GENERATE_TIMEOUT_MS);

const funded = (kind: 'enterprise' | 'project') =>
  market.interactions.filter((i) => i.kind === 'funded' && i.subjectKind === kind);

/** Mean of `value` over the bottom and top quartiles of `items` by `key`. */
function quartileMeans<T>(
  items: readonly T[],
  key: (x: T) => number,
  value: (x: T) => number,
): [number, number] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const q = Math.floor(sorted.length / 4);
  const mean = (xs: T[]) => xs.reduce((a, x) => a + value(x), 0) / xs.length;
  return [mean(sorted.slice(0, q)), mean(sorted.slice(sorted.length - q))];
}

describe('interactions follow the latent behaviour', () => {
  it('banks with a Jiangsu footprint deal mostly with Jiangsu enterprises, on nationwide products too', () => {
    const banks = new Set(
      market.institutions
        .filter((i) => {
          const b = market.truth.institutionBehaviour!(i.id)!;
          return i.kind === 'bank' && b.home === '32' && b.concentration >= 0.7;
        })
        .map((i) => i.id),
    );
    // Products without a declared region: eligibility lets any province in.
    const nationwide = new Set(
      market.products
        .filter((p) => banks.has(p.institutionId) && p.regions.length === 0)
        .map((p) => p.id),
    );
    const deals = market.interactions.filter(
      (i) => nationwide.has(i.itemId) && (i.kind === 'applied' || i.kind === 'funded'),
    );
    expect(deals.length).toBeGreaterThan(10);
    const inJiangsu = deals.filter((i) => regionOf.get(i.subjectId)!.startsWith('32')).length;
    const marketShare =
      market.enterprises.filter((e) => e.region.startsWith('32')).length /
      market.enterprises.length;
    expect(inJiangsu / deals.length).toBeGreaterThan(0.5);
    expect(inJiangsu / deals.length).toBeGreaterThan(4 * marketShare);
  });

  it('has repeat borrowers: funded clients come back to the same institution on later dates', () => {
    const dealsByPair = new Map<string, Interaction[]>();
    for (const i of funded('enterprise')) {
      const key = `${i.subjectId}|${institutionOf.get(i.itemId)}`;
      dealsByPair.set(key, [...(dealsByPair.get(key) ?? []), i]);
    }
    const repeats = [...dealsByPair.values()].filter((d) => d.length >= 2);
    expect(repeats.length).toBeGreaterThan(20);
    // Dated over time, months apart, not one burst. A client may also be funded by two
    // products of one institution in the same season on first contact (two independent
    // deals, not a return), so a few pairs are close; the returns are not.
    const spread = repeats.filter((deals) => {
      const days = deals.map((d) => Date.parse(d.date)).sort((a, b) => a - b);
      return days.at(-1)! - days[0]! >= 60 * 86_400_000;
    });
    expect(spread.length / repeats.length).toBeGreaterThan(0.95);
    const repeatDeals = repeats.reduce((a, d) => a + d.length, 0);
    expect(repeatDeals / funded('enterprise').length).toBeGreaterThan(0.15);
  });

  it('returning clients prefer loyal institutions', () => {
    const dealsByPair = new Map<string, number>();
    for (const i of funded('enterprise')) {
      const key = `${i.subjectId}|${institutionOf.get(i.itemId)}`;
      dealsByPair.set(key, (dealsByPair.get(key) ?? 0) + 1);
    }
    const pairs = [...dealsByPair.entries()].map(([key, n]) => ({
      loyalty: market.truth.institutionBehaviour!(key.split('|')[1]!)!.loyalty,
      repeat: n >= 2 ? 1 : 0,
    }));
    const [low, high] = quartileMeans(
      pairs,
      (p) => p.loyalty,
      (p) => p.repeat,
    );
    expect(high).toBeGreaterThan(low);
  });

  it('deal volumes are heavy-tailed and follow the institutions’ latent volumes', () => {
    const perInstitution = new Map<string, number>();
    for (const i of funded('enterprise')) {
      const id = institutionOf.get(i.itemId)!;
      perInstitution.set(id, (perInstitution.get(id) ?? 0) + 1);
    }
    const counts = [...perInstitution.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, x) => a + x, 0);
    const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, x) => a + x, 0);
    expect(top / total).toBeGreaterThan(0.35);
    // Among institutions with products, the top volume quartile funds far more than the bottom.
    const issuers = [...new Set(market.products.map((p) => p.institutionId))];
    const [low, high] = quartileMeans(
      issuers,
      (id) => market.truth.institutionBehaviour!(id)!.volume,
      (id) => perInstitution.get(id) ?? 0,
    );
    expect(high).toBeGreaterThan(2.5 * low);
  });

  it('platform activity grows over the window', () => {
    const views = market.interactions.filter((i) => i.kind === 'viewed');
    const firstYear = views.filter((i) => i.date < '2025-06-30').length;
    expect(views.length - firstYear).toBeGreaterThan(1.2 * firstYear);
  });
});

describe('project–investor interactions', () => {
  it('follow investor volumes', () => {
    const perInvestor = new Map<string, number>();
    for (const i of funded('project'))
      perInvestor.set(i.itemId, (perInvestor.get(i.itemId) ?? 0) + 1);
    const [low, high] = quartileMeans(
      market.investors,
      (inv) => market.truth.investorBehaviour!(inv.id)!.volume,
      (inv) => perInvestor.get(inv.id) ?? 0,
    );
    expect(high).toBeGreaterThan(2 * low);
  });

  it('have follow-on tranches and repeat co-investment between syndicate partners', () => {
    const pairs = new Map<string, number>();
    const byProject = new Map<string, Set<string>>();
    for (const i of funded('project')) {
      const key = `${i.subjectId}|${i.itemId}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      byProject.set(i.subjectId, (byProject.get(i.subjectId) ?? new Set()).add(i.itemId));
    }
    expect([...pairs.values()].filter((n) => n >= 2).length).toBeGreaterThan(5);
    // Investor pairs that co-fund two or more projects, and how many are declared partners.
    const together = new Map<string, number>();
    for (const set of byProject.values()) {
      const ids = [...set].sort();
      for (let a = 0; a < ids.length; a++)
        for (let b = a + 1; b < ids.length; b++) {
          const key = `${ids[a]}|${ids[b]}`;
          together.set(key, (together.get(key) ?? 0) + 1);
        }
    }
    const repeated = [...together.entries()].filter(([, n]) => n >= 2).map(([k]) => k.split('|'));
    expect(repeated.length).toBeGreaterThan(2);
    const partnered = repeated.filter(([a, b]) => {
      const pa = market.truth.investorBehaviour!(a!)!.partners;
      const pb = market.truth.investorBehaviour!(b!)!.partners;
      return pa.includes(b!) || pb.includes(a!);
    });
    expect(partnered.length).toBeGreaterThan(0);
  });
});

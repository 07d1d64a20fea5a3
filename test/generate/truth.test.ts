import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import type { Market } from '../../src/generate/types.js';
import { eligibilityDates, isEnterpriseProductEligible } from '../../src/generate/eligibility.js';

const AS_OF = '2026-06-30';
/** Generating a market takes seconds; more on a loaded machine. */
const GENERATE_TIMEOUT_MS = 60_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every module `entry` imports, transitively (relative imports, type-only ones included). */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [resolve(ROOT, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = join(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
      if (target.endsWith('.ts') && existsSync(target)) stack.push(target);
    }
  }
  return [...seen].map((f) => relative(ROOT, f).replaceAll('\\', '/')).sort();
}

/**
 * The one engine module the generator may reach: its named constants, for the numbers of the
 * eligibility contract (eligibility.ts) — never code, never a weight.
 */
const SHARED_ENGINE_CONSTANTS = 'src/engine/defaults.ts';
/** The names src/generate may import from it. */
const SHARED_CONSTANT_NAMES = ['LOAN_RENEWAL_WINDOW_MONTHS'];

describe('the truth is not the engine', () => {
  it('truth.ts, behaviour.ts and interactions.ts import nothing from the engine or learners', () => {
    for (const entry of [
      'src/generate/truth.ts',
      'src/generate/behaviour.ts',
      'src/generate/interactions.ts',
    ]) {
      const graph = moduleGraph(entry);
      expect(graph).toContain(entry);
      const offending = graph.filter(
        (f) =>
          /^src\/(engine|fast|learn|collab|text|tune|eval)\//.test(f) &&
          f !== SHARED_ENGINE_CONSTANTS,
      );
      expect(offending, entry).toEqual([]);
    }
  });

  it('the generator takes only eligibility constants from the engine’s defaults', () => {
    const imported = new Set<string>();
    for (const file of moduleGraph('src/generate/index.ts')) {
      if (!file.startsWith('src/generate/')) continue;
      const source = readFileSync(resolve(ROOT, file), 'utf8');
      for (const m of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
        if (!m[2]!.endsWith('/engine/defaults.js')) continue;
        for (const name of m[1]!.split(',')) if (name.trim() !== '') imported.add(name.trim());
      }
    }
    expect([...imported].sort()).toEqual(SHARED_CONSTANT_NAMES);
    const defaults = readFileSync(resolve(ROOT, SHARED_ENGINE_CONSTANTS), 'utf8');
    // constants and types only: no code of the engine comes with them
    expect(defaults).not.toMatch(/^import (?!type)/m);
  });
});

describe('the truth follows the institutions’ latent behaviour', () => {
  let market: Market;
  const dates = eligibilityDates(AS_OF);

  beforeAll(() => {
    market = generateMarket({ seed: 7, scale: 'small', asOf: AS_OF });
  }, GENERATE_TIMEOUT_MS);

  /** Mean truth over eligible enterprises split by a predicate: [in, out] (NaN when empty). */
  function meanSplit(
    productId: string,
    inside: (e: Market['enterprises'][number]) => boolean,
  ): [number, number, number, number] {
    const p = market.products.find((x) => x.id === productId)!;
    const sum = [0, 0];
    const n = [0, 0];
    for (const e of market.enterprises) {
      if (!isEnterpriseProductEligible(e, p, dates)) continue;
      const k = inside(e) ? 0 : 1;
      sum[k]! += market.truth.enterpriseProduct(e.id, p.id);
      n[k]!++;
    }
    return [sum[0]! / n[0]!, sum[1]! / n[1]!, n[0]!, n[1]!];
  }

  it('a Jiangsu-footprint bank’s nationwide product fits Jiangsu enterprises far better', () => {
    // The product declares no region, so the engine's regionProximity scores every firm alike.
    const products = market.products.filter((p) => {
      const b = market.truth.institutionBehaviour!(p.institutionId)!;
      return p.regions.length === 0 && b.home === '32' && b.concentration >= 0.7;
    });
    expect(products.length).toBeGreaterThan(5);
    let compared = 0;
    for (const p of products) {
      const [js, other, nJs, nOther] = meanSplit(p.id, (e) => e.region.startsWith('32'));
      if (nJs < 5 || nOther < 5) continue;
      compared++;
      expect(js, p.id).toBeGreaterThan(3 * other);
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('favoured sector groups inside a product’s declared range fit better than the rest of it', () => {
    let better = 0;
    let compared = 0;
    for (const p of market.products) {
      if (p.targetSectors.length === 0) continue;
      const b = market.truth.institutionBehaviour!(p.institutionId)!;
      const favoured = b.favouredSectors.filter((f) =>
        p.targetSectors.some((t) => f.startsWith(t)),
      );
      if (favoured.length === 0) continue;
      const [fav, rest, nFav, nRest] = meanSplit(p.id, (e) =>
        favoured.some((f) => e.sector.startsWith(f)),
      );
      if (nFav < 5 || nRest < 5) continue;
      compared++;
      if (fav > rest) better++;
    }
    expect(compared).toBeGreaterThan(10);
    expect(better / compared).toBeGreaterThan(0.8);
  });

  it('client size near the institution’s sweet spot fits better', () => {
    let better = 0;
    let compared = 0;
    for (const p of market.products) {
      const { centre, width } = market.truth.institutionBehaviour!(p.institutionId)!.size;
      const [near, far, nNear, nFar] = meanSplit(
        p.id,
        (e) => Math.abs(Math.log10(Math.max(e.annualRevenue, 5e5)) - centre) < width,
      );
      if (nNear < 10 || nFar < 10) continue;
      compared++;
      if (near > far) better++;
    }
    expect(compared).toBeGreaterThan(50);
    expect(better / compared).toBeGreaterThan(0.8);
  });

  it('an existing loan from the product’s institution raises the fit', () => {
    // Pairs (enterprise, product of its existing lender) against the same enterprise's other
    // eligible products of the same type.
    const byType = new Map<string, Market['products']>();
    for (const p of market.products) byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
    let higher = 0;
    let compared = 0;
    for (const e of market.enterprises) {
      const lenders = new Set(e.existingLoans.map((l) => l.lenderId));
      for (const p of market.products) {
        if (!lenders.has(p.institutionId) || !isEnterpriseProductEligible(e, p, dates)) continue;
        const others = byType
          .get(p.type)!
          .filter((q) => !lenders.has(q.institutionId) && isEnterpriseProductEligible(e, q, dates));
        if (others.length === 0) continue;
        const mean =
          others.reduce((a, q) => a + market.truth.enterpriseProduct(e.id, q.id), 0) /
          others.length;
        compared++;
        if (market.truth.enterpriseProduct(e.id, p.id) > mean) higher++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(higher / compared).toBeGreaterThan(0.6);
  });
});

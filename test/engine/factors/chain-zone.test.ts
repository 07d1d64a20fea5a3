import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chainZoneFactor } from '../../../src/engine/factors/index.js';
import { CHAIN_ROLE_FIT, SUPPLY_CHAIN_ROLE_FIT } from '../../../src/engine/defaults.js';
import type { MarketReference } from '../../../src/engine/types.js';
import type { ChainRole } from '../../../src/model/enums.js';
import { AS_OF, enterprise, product } from '../golden/market.js';

const CHAINS = ['CH1', 'CH2', 'CH3'];
const ZONES = ['Z1', 'Z2'];
const ROLES: ChainRole[] = ['leader', 'supplier', 'member'];

/** The rule as documented, written out plainly: the value `chainZone` must give. */
function expected(
  e: ReturnType<typeof enterprise>,
  p: ReturnType<typeof product>,
  reference: MarketReference,
): number {
  const servesChain = (c: string) =>
    p.chains.includes(c) || (reference.chains?.get(c)?.productIds.includes(p.id) ?? false);
  const servesZone = (z: string) =>
    p.zones.includes(z) || (reference.zones?.get(z)?.productIds.includes(p.id) ?? false);
  const roles = p.type === 'supplyChainFinance' ? SUPPLY_CHAIN_ROLE_FIT : CHAIN_ROLE_FIT;
  const values = [
    ...e.chains.filter((m) => servesChain(m.chainId)).map((m) => roles[m.role]),
    ...e.zones.filter(servesZone).map(() => 0.8),
  ];
  if (values.length > 0) return Math.max(...values);
  const listed = [...(reference.chains?.values() ?? []), ...(reference.zones?.values() ?? [])];
  const targeted =
    p.chains.length > 0 || p.zones.length > 0 || listed.some((x) => x.productIds.includes(p.id));
  return targeted ? 0 : 0.3;
}

const referenceArb = fc
  .record({
    chains: fc.array(fc.tuple(fc.constantFrom(...CHAINS), fc.subarray(['P0', 'P1', 'P2'])), {
      maxLength: 3,
    }),
    zones: fc.array(fc.tuple(fc.constantFrom(...ZONES), fc.subarray(['P0', 'P1', 'P2'])), {
      maxLength: 2,
    }),
  })
  .map(({ chains, zones }): MarketReference => ({
    chains: new Map(
      chains.map(([id, productIds]) => [
        id,
        { id, name: id, sectors: ['C39'], leaderIds: [], productIds, text: '' },
      ]),
    ),
    zones: new Map(
      zones.map(([id, productIds]) => [
        id,
        {
          id,
          name: id,
          kind: 'green' as const,
          sectors: ['C39'],
          regions: [],
          productIds,
          text: '',
        },
      ]),
    ),
  }));

describe('chainZone', () => {
  it('equals the documented rule for any firm, product and reference, scored in any order (its per-product forms are kept per reference and product)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            chains: fc.array(
              fc.record({
                chainId: fc.constantFrom(...CHAINS),
                role: fc.constantFrom(...ROLES),
              }),
              { maxLength: 2 },
            ),
            zones: fc.subarray(ZONES),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(
          fc.record({
            chains: fc.subarray(CHAINS),
            zones: fc.subarray(ZONES),
            scf: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(referenceArb, { minLength: 1, maxLength: 2 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 }),
        (firms, offers, references, calls) => {
          const f = chainZoneFactor();
          const es = firms.map((x) => enterprise(x));
          const ps = offers.map(({ chains, zones, scf }, i) =>
            product({
              id: `P${i}`,
              chains,
              zones,
              ...(scf ? { type: 'supplyChainFinance' } : {}),
            }),
          );
          for (const [a, b, c] of calls) {
            const e = es[a % es.length]!;
            const p = ps[b % ps.length]!;
            const reference = references[c % references.length]!;
            const ctx = { subject: e, target: p, asOf: AS_OF, locale: 'zh' as const, reference };
            expect(f.score(ctx)).toBe(expected(e, p, reference));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The value the `tokens` hook's form gives (see `TokenHook`): the fast path's value. */
function tokenForm(
  f: ReturnType<typeof chainZoneFactor>,
  e: ReturnType<typeof enterprise>,
  p: ReturnType<typeof product>,
  reference: MarketReference,
): number | null | undefined {
  const answer = f.tokens!.compile(p, { asOf: AS_OF, reference });
  if (answer === undefined) return undefined;
  const held = f.tokens!.held(e, { asOf: AS_OF, reference }).filter((t) => answer.values.has(t));
  return held.length === 0
    ? answer.otherwise
    : Math.max(0, ...held.map((t) => answer.values.get(t)!));
}

describe('chainZone: the tokens hook', () => {
  it('gives exactly what score gives, for any firm, product, reference and options (zero values too)', () => {
    const fit = fc.constantFrom(0, 0.25, 0.8, 1);
    fc.assert(
      fc.property(
        fc.record({
          chains: fc.array(
            fc.record({ chainId: fc.constantFrom(...CHAINS), role: fc.constantFrom(...ROLES) }),
            { maxLength: 3 },
          ),
          zones: fc.subarray(ZONES),
        }),
        fc.record({ chains: fc.subarray(CHAINS), zones: fc.subarray(ZONES), scf: fc.boolean() }),
        referenceArb,
        fc.record({ leader: fit, supplier: fit, member: fit }),
        fit,
        (firm, offer, reference, roleFit, zoneMember) => {
          const f = chainZoneFactor({ roleFit, zoneMember, supplyChainRoleFit: roleFit });
          const e = enterprise(firm);
          const p = product({
            id: 'P0',
            chains: offer.chains,
            zones: offer.zones,
            ...(offer.scf ? { type: 'supplyChainFinance' } : {}),
          });
          const ctx = { subject: e, target: p, asOf: AS_OF, locale: 'zh' as const, reference };
          // The hook answers every product (an untargeted one with no token: `otherwise`).
          expect(Object.is(tokenForm(f, e, p, reference), f.score(ctx))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

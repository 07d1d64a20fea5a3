import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chainZoneKey,
  collateralKey,
  instrumentsKey,
  policyListsKey,
} from '../../../src/engine/rules/subject-keys.js';
import { policyPriorityKey } from '../../../src/engine/factors/enterprise-product/policy-priority.js';
import type { KeyEnv, MarketReference } from '../../../src/engine/types.js';
import {
  CHAIN_ROLES,
  COLLATERAL_KINDS,
  INSTRUMENTS,
  POLICY_LISTS,
  PURPOSES,
} from '../../../src/model/enums.js';
import type { Enterprise } from '../../../src/model/types.js';
import { AS_OF, enterprise } from '../golden/market.js';

/** A reference holding chains C0–C2 and zones Z0–Z3 (records are not read by the key). */
const reference: MarketReference = {
  chains: new Map(['C0', 'C1', 'C2'].map((id) => [id, {} as never])),
  zones: new Map(['Z0', 'Z1', 'Z2', 'Z3'].map((id) => [id, {} as never])),
};
const env: KeyEnv = { asOf: AS_OF, reference };

// Members outside the vocabularies ('C9', 'Z9', 'other…') make the key fall back to a string.
const fieldsArb = fc.record({
  instruments: fc.array(fc.constantFrom(...INSTRUMENTS, 'otherInstrument'), { maxLength: 3 }),
  collateral: fc.array(fc.constantFrom(...COLLATERAL_KINDS, 'otherCollateral'), { maxLength: 3 }),
  policyLists: fc.array(fc.constantFrom(...POLICY_LISTS, 'otherList'), { maxLength: 3 }),
  chains: fc.array(
    fc.record({
      chainId: fc.constantFrom('C0', 'C1', 'C2', 'C9'),
      role: fc.constantFrom(...CHAIN_ROLES),
    }),
    { maxLength: 3 },
  ),
  zones: fc.array(fc.constantFrom('Z0', 'Z1', 'Z2', 'Z3', 'Z9'), { maxLength: 18 }),
  purpose: fc.constantFrom(...PURPOSES),
  employees: fc.constantFrom(50, 500),
  srdi: fc.constantFrom({ tier: 'none' }, { tier: 'srdi', certifiedOn: '2025-03-01' }),
});
type Fields = typeof fieldsArb extends fc.Arbitrary<infer F> ? F : never;

const base = enterprise();
const subject = (f: Fields): Enterprise =>
  ({
    ...base,
    need: { ...base.need, instruments: f.instruments, purpose: f.purpose },
    collateral: f.collateral,
    policyLists: f.policyLists,
    chains: f.chains,
    zones: f.zones,
    employees: f.employees,
    annualRevenue: f.employees < 300 ? 1e7 : 1e9,
    srdi: f.srdi,
  }) as unknown as Enterprise;

/** Each key, and the fields its value must depend on exactly. */
const KEYS: [string, (e: Enterprise) => unknown, (f: Fields) => unknown][] = [
  ['instrumentsKey', instrumentsKey, (f) => f.instruments],
  ['collateralKey', collateralKey, (f) => f.collateral],
  ['policyListsKey', policyListsKey, (f) => f.policyLists],
  ['chainZoneKey', (e) => chainZoneKey(e, env), (f) => [f.chains, f.zones]],
  [
    'policyPriorityKey',
    (e) => policyPriorityKey(e, env),
    (f) => [f.purpose, f.policyLists, f.employees, f.srdi.tier],
  ],
];

describe('coded subject keys', () => {
  for (const [name, key, fields] of KEYS) {
    it(`${name}: two subjects share a key exactly when the fields it reads are equal`, () => {
      fc.assert(
        fc.property(fieldsArb, fieldsArb, (f1, f2) => {
          const same = JSON.stringify(fields(f1)) === JSON.stringify(fields(f2));
          expect(key(subject(f1)) === key(subject(f2))).toBe(same);
          // The same fields again (a fresh object) give the same key.
          expect(key(subject(structuredClone(f1)))).toBe(key(subject(f1)));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('codes validated subjects as integers, and falls back to a string outside the vocabulary', () => {
    const known = subject({
      instruments: ['loan', 'equity'],
      collateral: ['credit'],
      policyLists: ['greenFactory'],
      chains: [{ chainId: 'C1', role: 'leader' }],
      zones: ['Z0', 'Z3'],
      purpose: 'rnd',
      employees: 50,
      srdi: { tier: 'none' },
    });
    for (const [, key] of KEYS) expect(Number.isSafeInteger(key(known))).toBe(true);
    const unknownChain = { ...known, chains: [{ chainId: 'C9', role: 'leader' }] } as Enterprise;
    expect(chainZoneKey(unknownChain, env)).toBe('[[["C9","leader"]],["Z0","Z3"]]');
    const noReference = chainZoneKey(known, { asOf: AS_OF, reference: {} });
    expect(typeof noReference).toBe('string');
    const unknownList = { ...known, policyLists: ['otherList'] } as unknown as Enterprise;
    expect(policyListsKey(unknownList)).toBe('[["otherList"]]');
    // The fallback tells apart what a joined list would not.
    const joined = { ...known, need: { ...known.need, instruments: ['loan,bogus'] } };
    const split = { ...known, need: { ...known.need, instruments: ['loan', 'bogus'] } };
    expect(instrumentsKey(joined as unknown as Enterprise)).not.toBe(
      instrumentsKey(split as unknown as Enterprise),
    );
  });
});

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { generateMarket } from '../../../src/generate/index.js';
import { createEnterpriseIndex } from '../../../src/engine/matchers/enterprise-index.js';
import { FEED_CHUNK } from '../../../src/compile/columns.js';
import { enterpriseProductProfile } from '../../../src/engine/profiles/enterprise-product.js';
import { ValidationError } from '../../../src/errors.js';
import type { EnterpriseProductProfile } from '../../../src/engine/types.js';

/**
 * An index whose preparation does not read the subjects (the shipped profile without outcome
 * history) validates, checks and encodes its records chunk by chunk (FEED_CHUNK at a
 * time); when a part's `prepare` reads `ctx.subjects`, every record is validated and checked
 * first (two passes). The same profile with a `prepare` that only reads the subjects must give
 * the same index and, for bad input, the same error.
 */
const AS_OF = '2026-06-30';
const m = generateMarket({ seed: 5, scale: 'small', asOf: AS_OF });
const options = { asOf: AS_OF, chains: m.chains, zones: m.zones };
// Raw records, as a platform's JSON export gives them.
const raw = JSON.parse(JSON.stringify(m.enterprises.slice(0, 3 * FEED_CHUNK + 40))) as Record<
  string,
  unknown
>[];

/** The shipped profile, one more factor's `prepare` reading the subjects and changing nothing. */
function twoPassProfile(): EnterpriseProductProfile {
  const p = enterpriseProductProfile();
  const reads = p.factors.findIndex((f) => typeof f.factor.prepare !== 'function');
  return {
    ...p,
    factors: p.factors.map((f, i) =>
      i === reads
        ? {
            ...f,
            factor: {
              ...f.factor,
              prepare: (ctx: { subjects?: readonly unknown[] }) => {
                if (!ctx.subjects) throw new Error('no subjects');
                return f.factor;
              },
            },
          }
        : f,
    ),
  } as EnterpriseProductProfile;
}

/** The error `build` throws (class, message, issues), or null. */
function failure(build: () => unknown): unknown {
  try {
    build();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    return { name: e.name, message: e.message, issues: e.issues };
  }
}

describe('index build: chunked (nothing to prepare) equals two passes', () => {
  test('same enterprises and rankings, records in id order or shuffled', () => {
    const shuffled = [...raw].reverse();
    for (const records of [raw, shuffled]) {
      const chunked = createEnterpriseIndex(records as never, options);
      const twoPass = createEnterpriseIndex(records as never, {
        ...options,
        profile: twoPassProfile(),
      });
      expect(chunked.enterprises.map((e) => e.id)).toEqual(twoPass.enterprises.map((e) => e.id));
      expect(chunked.enterprises).toEqual(twoPass.enterprises);
      for (const p of m.products.slice(0, 30))
        expect(chunked.prospectEnterprises(p, { k: 20 })).toEqual(
          twoPass.prospectEnterprises(p, { k: 20 }),
        );
    }
  });

  test('bad records anywhere (chunk edges, repeats across chunks, unknown references): the same error', () => {
    const n = raw.length;
    const edge = fc.constantFrom(0, FEED_CHUNK - 1, FEED_CHUNK, 2 * FEED_CHUNK + 1, n - 1);
    const damage = fc.oneof(
      fc.record({ at: edge, kind: fc.constant('badAmount' as const) }),
      fc.record({ at: edge, kind: fc.constant('repeat' as const), of: edge }),
      fc.record({ at: edge, kind: fc.constant('unknownChain' as const) }),
      fc.record({ at: edge, kind: fc.constant('foundedLater' as const) }),
    );
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 4 }), (damages) => {
        const records = raw.map((r) => ({ ...r }));
        for (const d of damages) {
          const r = records[d.at]!;
          if (d.kind === 'badAmount') r.need = { ...(r.need as object), amount: -1 };
          else if (d.kind === 'repeat' && d.of !== d.at) r.id = records[d.of]!.id;
          else if (d.kind === 'unknownChain')
            r.chains = [{ chainId: 'chain-nope', role: 'supplier' }];
          else if (d.kind === 'foundedLater') r.foundedYear = 2027;
        }
        const chunked = failure(() => createEnterpriseIndex(records as never, options));
        const twoPass = failure(() =>
          createEnterpriseIndex(records as never, { ...options, profile: twoPassProfile() }),
        );
        expect(chunked).toEqual(twoPass);
      }),
      { numRuns: 40 },
    );
  });

  /** The shipped profile, its first factor's `prepare` replaced by `prepare`. */
  const withPrepare = (prepare: (ctx: { subjects?: readonly unknown[] }) => unknown) => {
    const p = enterpriseProductProfile();
    return {
      ...p,
      factors: p.factors.map((f, i) => (i === 0 ? { ...f, factor: { ...f.factor, prepare } } : f)),
    } as EnterpriseProductProfile;
  };
  const unknownChain = () => {
    const records = raw.map((r) => ({ ...r }));
    records[FEED_CHUNK + 3]!.chains = [{ chainId: 'chain-nope', role: 'supplier' }];
    return records;
  };

  test('a prepare that catches the subjects’ error does not let bad records through', () => {
    const p = enterpriseProductProfile();
    const profile = withPrepare((ctx) => {
      for (let i = 0; i < 2; i++) {
        try {
          void ctx.subjects;
        } catch {
          // swallowed, twice: the second read must throw again, not return unchecked records
        }
      }
      return p.factors[0]!.factor;
    });
    expect(() => createEnterpriseIndex(unknownChain() as never, { ...options, profile })).toThrow(
      /chain-nope/,
    );
  });

  test('bad records are reported before a part’s own preparation error', () => {
    const profile = withPrepare(() => {
      throw new Error('prepare failed');
    });
    expect(() => createEnterpriseIndex(unknownChain() as never, { ...options, profile })).toThrow(
      ValidationError,
    );
    expect(() => createEnterpriseIndex(raw as never, { ...options, profile })).toThrow(
      'prepare failed',
    );
  });

  test('not an array: the same error as before any record is read', () => {
    for (const bad of [null, { length: 3 }, 'enterprises']) {
      const chunked = failure(() => createEnterpriseIndex(bad as never, options));
      const twoPass = failure(() =>
        createEnterpriseIndex(bad as never, { ...options, profile: twoPassProfile() }),
      );
      expect(chunked).not.toBeNull();
      expect(chunked).toEqual(twoPass);
    }
  });
});

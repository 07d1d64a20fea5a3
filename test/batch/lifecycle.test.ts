import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SnapshotError } from '../../src/errors.js';
import { createProductMatcher } from '../../src/engine/matchers/index.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { FastSubjectIndex } from '../../src/compile/fast.js';
import { selectShard } from '../../src/batch/shard.js';
import { loadSnapshot, saveSnapshot } from '../../src/batch/snapshot.js';
import { sweep } from '../../src/batch/sweep.js';
import { AS_OF, smallMarket } from '../compile/helpers.js';

const m = smallMarket();
const reference = {
  chains: new Map(m.chains.map((c) => [c.id, c])),
  zones: new Map(m.zones.map((z) => [z.id, z])),
};
const env = { asOf: AS_OF, locale: 'zh' as const, reference };
const profile = enterpriseProductProfile();

describe('shards', () => {
  test('shards 0..n−1 partition the ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 80 }),
        fc.integer({ min: 1, max: 7 }),
        (ids, n) => {
          const parts = Array.from({ length: n }, (_, i) => selectShard(ids, i, n));
          expect(parts.flat().sort()).toEqual([...ids].sort());
        },
      ),
    );
  });
});

describe('incremental updates', () => {
  test('add, update and remove give the rankings of a rebuild', () => {
    const [first, rest] = [m.enterprises.slice(0, 2000), m.enterprises.slice(2000)];
    const index = FastSubjectIndex.create(profile, env, first)!;
    for (const e of rest) index.columns.upsert(e);
    const removed = m.enterprises.filter((_, i) => i % 3 === 0);
    for (const e of removed) index.columns.remove(e.id);
    const updated = m.enterprises[1]!;
    const changed = { ...updated, need: { ...updated.need, amount: updated.need.amount * 2 } };
    index.columns.upsert(changed);
    const alive = m.enterprises
      .filter((_, i) => i % 3 !== 0)
      .map((e) => (e.id === changed.id ? changed : e));
    const rebuilt = FastSubjectIndex.create(profile, env, alive)!;
    for (const p of m.products.slice(0, 25)) {
      expect(index.rank(p, 50, false)).toEqual(rebuilt.rank(p, 50, false));
    }
  });
});

describe('snapshots', () => {
  test('a reloaded snapshot gives identical rankings', () => {
    const json = saveSnapshot({
      enterprises: m.enterprises.slice(0, 800),
      products: m.products,
      profile,
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
    });
    const a = loadSnapshot(json);
    const b = loadSnapshot(new TextEncoder().encode(json));
    const matcher = createProductMatcher(m.products, {
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
    });
    for (const e of m.enterprises.slice(0, 20)) {
      expect(a.productMatcher!.rankProducts(e)).toEqual(matcher.rankProducts(e));
      expect(b.productMatcher!.rankProducts(e)).toEqual(matcher.rankProducts(e));
    }
    expect(a.enterpriseIndex!.prospectEnterprises(m.products[0]!)).toEqual(
      b.enterpriseIndex!.prospectEnterprises(m.products[0]!),
    );
    const bad = JSON.parse(json) as { header: { formatVersion: number } };
    bad.header.formatVersion = 99;
    expect(() => loadSnapshot(bad)).toThrow(SnapshotError);
  });
});

describe('sweep', () => {
  test('in-process sweep equals rankProducts for every enterprise', async () => {
    const enterprises = m.enterprises.slice(0, 300);
    const matcher = createProductMatcher(m.products, {
      asOf: AS_OF,
      chains: m.chains,
      zones: m.zones,
    });
    const got = [];
    for await (const r of sweep(enterprises, m.products, {
      asOf: AS_OF,
      threads: 0,
      k: 5,
      chains: m.chains,
      zones: m.zones,
      batchSize: 64,
    }))
      got.push(r);
    expect(got.map((r) => r.enterpriseId)).toEqual(enterprises.map((e) => e.id).sort());
    for (const r of got) {
      const e = enterprises.find((x) => x.id === r.enterpriseId)!;
      expect(r.matches).toEqual(
        matcher
          .rankProducts(e, { k: 5 })
          .map(({ productId, score, rank }) => ({ productId, score, rank })),
      );
    }
  });
});

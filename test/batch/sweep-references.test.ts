/**
 * A sweep checks its records against the reference data and `asOf` exactly as the matchers do
 * (`referenceIssues`, src/engine/matchers/options.ts): an enterprise founded or certified after
 * `asOf`, one naming a chain or zone the reference data does not hold, a product naming an
 * unknown institution, chain, zone or combined product — each a ValidationError naming every
 * such record, on every path (this thread, workers, a file the threads read), never a ranking
 * of records `rankProducts` refuses.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../src/errors.js';
import {
  closeSweepWorkers,
  sweep,
  SweepInputProblem,
  sweepBatches,
  sweepFileBatches,
  type SweepOptions,
} from '../../src/batch/sweep.js';
import { splitJsonlFile } from '../../src/batch/sweep-file.js';
import { createProductMatcher } from '../../src/engine/matchers/index.js';
import { smallMarket } from '../compile/helpers.js';
import { smallSweepOptions } from './helpers.js';

const m = smallMarket();
const base = smallSweepOptions();
const few = m.enterprises.slice(0, 60);
/** The matcher options of the same setup. */
const matcherBase = { asOf: base.asOf, chains: base.chains, zones: base.zones };
const dir = mkdtempSync(join(tmpdir(), 'finmatch-sweep-refs-'));
afterAll(async () => {
  await closeSweepWorkers();
  rmSync(dir, { recursive: true, force: true });
});

/** The error a sweep of `enterprises` and `products` ends with (undefined: none). */
async function sweepError(
  enterprises: readonly unknown[],
  products: readonly unknown[],
  options: Partial<SweepOptions> = {},
): Promise<unknown> {
  try {
    for await (const b of sweepBatches(enterprises as never, products as never, {
      ...base,
      ...options,
    }))
      void b;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The issues (id, path, code) of a ValidationError. */
const issuesOf = (error: unknown) => {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.recordId, i.path, i.code]);
};

const future = { ...few[3]!, foundedYear: 2031 };
const certified = {
  ...few[7]!,
  srdi: { tier: 'srdi' as const, certifiedOn: '2027-03-06', ruleSet: '2022' as const },
};
const nowhere = { ...few[11]!, zones: ['zone-nowhere'] };
const unchained = { ...few[13]!, chains: [{ chainId: 'chain-nowhere', role: 'member' as const }] };
const bad = [future, certified, nowhere, unchained];
const withBad = few.map((e) => bad.find((b) => b.id === e.id) ?? e);

describe('a sweep checks enterprises against the reference data and asOf', () => {
  test.each([0, 1, 2])(
    'every bad enterprise in one ValidationError (threads %i)',
    async (threads) => {
      const error = await sweepError(withBad, m.products, { threads });
      expect((error as ValidationError).kind).toBe('enterprise');
      expect(issuesOf(error)).toEqual([
        [future.id, 'foundedYear', 'after_as_of'],
        [certified.id, 'srdi.certifiedOn', 'after_as_of'],
        [nowhere.id, 'zones[0]', 'unknown_reference'],
        [unchained.id, 'chains[0].chainId', 'unknown_reference'],
      ]);
    },
  );

  test('the same records rankProducts refuses, with the same issue', async () => {
    const matcher = createProductMatcher(m.products, matcherBase);
    for (const e of bad) {
      const refused = (() => {
        try {
          matcher.rankProducts(e, { k: 3 });
        } catch (error) {
          return error;
        }
      })();
      const swept = await sweepError([e], m.products);
      expect(issuesOf(swept)).toEqual(issuesOf(refused));
    }
  });

  test('through the matcher (a profile the columns do not serve): every bad one, before any result', async () => {
    const results: unknown[] = [];
    let error: unknown;
    try {
      for await (const r of sweep(withBad, m.products, {
        ...base,
        interactions: m.interactions.filter((i) => i.date <= base.asOf),
        subjects: m.enterprises,
      }))
        results.push(r);
    } catch (e) {
      error = e;
    }
    expect(results).toEqual([]);
    expect(issuesOf(error).map((i) => i[0])).toEqual(bad.map((b) => b.id));
  });

  test('without chains or zones given, references to them are not checked (as the matchers)', async () => {
    expect(
      await sweepError([nowhere, unchained], m.products, { chains: [], zones: [] }),
    ).toBeUndefined();
  });

  test('the file path hands a range with such a record to the reference reader', async () => {
    const path = join(dir, 'enterprises.jsonl');
    writeFileSync(path, withBad.map((e) => JSON.stringify(e)).join('\n') + '\n');
    for (const threads of [1, 2]) {
      let error: unknown;
      try {
        for await (const b of sweepFileBatches(
          { path, ...splitJsonlFile(path, 2048) },
          m.products,
          { ...base, threads },
        ))
          void b;
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SweepInputProblem);
      expect((error as SweepInputProblem).reason).toMatch(/reference data not given|after asOf/);
    }
  });
});

describe('a sweep checks its catalogue against the reference data', () => {
  const products = m.products.slice(0, 40);
  const strayInstitution = { ...products[2]!, institutionId: 'inst-nowhere' };
  const strayZone = { ...products[5]!, zones: ['zone-nowhere'] };
  const strayCombination = { ...products[8]!, combinesWith: ['prod-nowhere'] };
  const stray = [strayInstitution, strayZone, strayCombination];
  const catalogue = products.map((p) => stray.find((s) => s.id === p.id) ?? p);

  test('every bad product in one ValidationError, institutions checked when given', async () => {
    const error = await sweepError(few, catalogue, { institutions: m.institutions });
    expect((error as ValidationError).kind).toBe('product');
    expect(issuesOf(error)).toEqual([
      [strayInstitution.id, 'institutionId', 'unknown_reference'],
      [strayZone.id, 'zones[0]', 'unknown_reference'],
      [strayCombination.id, 'combinesWith[0]', 'unknown_reference'],
    ]);
    // Without institutions, an institution id is not checked.
    expect(issuesOf(await sweepError(few, catalogue)).map((i) => i[1])).toEqual([
      'zones[0]',
      'combinesWith[0]',
    ]);
  });

  test('as createProductMatcher refuses it', () => {
    expect(() =>
      createProductMatcher(catalogue, { ...matcherBase, institutions: m.institutions }),
    ).toThrow(ValidationError);
  });
});

/**
 * Valid records are validated without loading zod: the standalone validators decide them
 * (standalone-validators.ts). Its own file, so that no other test has loaded the schemas in
 * this module registry first.
 */
import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import { createEnterpriseIndex } from '../../src/index.js';
import { parseBatch, parseRecord, schemasLoaded } from '../../src/model/parse.js';

describe('validating valid records', () => {
  it('loads no zod: a market validated, indexed and prospected; an invalid record loads it', () => {
    const market = generateMarket({ seed: 7, scale: 'small', asOf: '2026-06-30' });
    const json = JSON.parse(JSON.stringify(market)) as typeof market;
    expect(schemasLoaded()).toBe(false);
    const batch = parseBatch('enterprise', json.enterprises);
    expect(batch.errors).toEqual([]);
    expect(batch.records).toHaveLength(json.enterprises.length);
    for (const kind of ['product', 'chain', 'zone', 'investor', 'project'] as const) {
      const key = `${kind}s` as const;
      const records = json[key] as unknown[];
      expect(records.length, kind).toBeGreaterThan(0);
      for (const r of records) parseRecord(kind, r);
    }
    const index = createEnterpriseIndex(json.enterprises, {
      asOf: '2026-06-30',
      chains: json.chains,
      zones: json.zones,
    });
    expect(index.prospectEnterprises(json.products[0]!, { k: 10 }).length).toBeGreaterThan(0);
    expect(schemasLoaded()).toBe(false);
    // A record the standalone validator cannot decide (a sector code to normalise) or rejects
    // goes to zod, which reports it as before.
    const bad = { ...json.enterprises[0]!, employees: -1 };
    expect(() => parseRecord('enterprise', bad)).toThrow(/employees/);
    expect(schemasLoaded()).toBe(true);
  });
});

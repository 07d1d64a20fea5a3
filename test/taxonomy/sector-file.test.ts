/**
 * The sector table is a file beside the code (dist/data/sectors.json in the package). When it
 * is missing — finmatch bundled into one file without its data folder — validation says so
 * with an installation error, instead of reporting every record as unreadable.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  return {
    ...actual,
    createRequire: (url: string | URL) => {
      const real = actual.createRequire(url);
      return Object.assign((id: string) => {
        if (id.endsWith('sectors.json')) throw new Error(`Cannot find module '${id}'`);
        return real(id) as unknown;
      }, real);
    },
  };
});

describe('a missing sector table file', () => {
  it('is an installation error naming the file and what to do, not a record issue', async () => {
    const { parseBatch } = await import('../../src/model/parse.js');
    const { SectorTableMissingError } = await import('../../src/taxonomy/sectors.js');
    const record = {
      id: 'E1',
      name: '测试企业',
      sector: 'C3911',
      region: '320102',
      stage: 'growth',
      foundedYear: 2010,
      employees: 5,
      annualRevenue: 1e6,
      need: { amount: 1e6, termMonths: 12, instruments: ['loan'], purpose: 'workingCapital' },
    };
    let thrown: unknown;
    try {
      parseBatch('enterprise', [record]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SectorTableMissingError);
    expect((thrown as Error).message).toMatch(/sectors\.json/);
    expect((thrown as Error).message).toMatch(/external|dist\/data/);
  });
});

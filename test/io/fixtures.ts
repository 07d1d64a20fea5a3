/** Records shared by the io and cli tests. */

/** A valid enterprise (minimal: defaults fill the rest). */
export function validEnterprise(id: string): Record<string, unknown> {
  return {
    id,
    name: '南京智造科技有限公司',
    sector: 'C3911',
    region: '320102',
    stage: 'growth',
    foundedYear: 2015,
    employees: 120,
    annualRevenue: 80_000_000,
    need: { amount: 5_000_000, termMonths: 36, instruments: ['loan'], purpose: 'equipment' },
  };
}

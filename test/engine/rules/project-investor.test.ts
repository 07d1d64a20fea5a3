import { describe, expect, it } from 'vitest';
import {
  investorInstrumentRule,
  investorRegionRule,
  investorSectorRule,
  roundRule,
  ticketRule,
  trlRule,
} from '../../../src/engine/rules/index.js';
import type { ExclusionReason, RuleOutcome } from '../../../src/engine/types.js';
import { investor, piContext, project } from '../golden/market.js';

function reason(outcome: RuleOutcome): ExclusionReason {
  if (outcome.passed) throw new Error('expected the rule to fail');
  return outcome.reason;
}

describe('ticketRule', () => {
  it('passes inside the ticket range and hints the bound outside', () => {
    expect(ticketRule().check(piContext(project(), investor())).passed).toBe(true);
    const r = reason(
      ticketRule().check(piContext(project(), investor({ ticket: { min: 5e5, max: 1e7 } }))),
    );
    expect(r).toMatchObject({ rule: 'ticket', actual: 3e7 });
    expect(r.hint).toBe('若融资金额不超过1000万元则符合条件');
  });
});

describe('roundRule', () => {
  it('passes listed rounds and generalists', () => {
    expect(roundRule().check(piContext(project(), investor())).passed).toBe(true);
    expect(roundRule().check(piContext(project(), investor({ rounds: [] }))).passed).toBe(true);
    const r = reason(
      roundRule().check(piContext(project(), investor({ rounds: ['seed', 'angel'] }), 'en')),
    );
    expect(r.hint).toBe('eligible at the seed or angel round');
  });
});

describe('trlRule', () => {
  it('checks the TRL range with a direction-aware hint', () => {
    expect(
      trlRule().check(piContext(project(), investor({ trl: { min: 5, max: 9 } }))).passed,
    ).toBe(true);
    const low = reason(
      trlRule().check(piContext(project({ trl: 3 }), investor({ trl: { min: 5, max: 9 } }), 'en')),
    );
    expect(low.hint).toBe('eligible once the technology reaches TRL 5');
    const high = reason(
      trlRule().check(piContext(project(), investor({ trl: { min: 1, max: 4 } }), 'en')),
    );
    expect(high.hint).toBe('eligible only for technology at TRL 4 or below');
  });
});

describe('investorSectorRule', () => {
  it('applies target and excluded prefixes', () => {
    expect(
      investorSectorRule().check(piContext(project(), investor({ targetSectors: ['C34'] }))).passed,
    ).toBe(true);
    const r = reason(
      investorSectorRule().check(piContext(project(), investor({ excludedSectors: ['C3491'] }))),
    );
    expect(r.message).toContain('投资方排除');
  });
});

describe('investorRegionRule', () => {
  it('restricts to the investor regions', () => {
    expect(
      investorRegionRule().check(piContext(project(), investor({ regions: ['4403'] }))).passed,
    ).toBe(true);
    const r = reason(
      investorRegionRule().check(piContext(project(), investor({ regions: ['31'] }), 'en')),
    );
    expect(r.hint).toBe('eligible only for projects located in Shanghai');
  });
});

describe('investorInstrumentRule', () => {
  it('equity for every investor, loans only from bank investment arms', () => {
    const loanProject = project({ need: { amount: 3e7, instrument: 'loan' } });
    expect(investorInstrumentRule().check(piContext(project(), investor())).passed).toBe(true);
    expect(
      investorInstrumentRule().check(
        piContext(loanProject, investor({ kind: 'bankInvestmentArm' })),
      ).passed,
    ).toBe(true);
    const r = reason(investorInstrumentRule().check(piContext(loanProject, investor(), 'en')));
    expect(r).toMatchObject({ actual: 'loan', required: ['equity'] });
    expect(r.hint).toBe('eligible if the project seeks equity');
  });
});

import type { Instrument } from '../../../model/enums.js';
import type { Investor, Project } from '../../../model/types.js';
import { INSTRUMENT_NAMES, joinAlternatives, namesOf } from '../../explain/labels.js';
import type { EligibilityRule } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { resolvePartOptions, type NoOptions } from '../options.js';
import { projectInstrumentKey } from '../subject-keys.js';

/** The instruments an investor provides: equity; bank investment arms (AICs) also lend (投贷联动, stages-and-investors.md §4). */
export function investorInstruments(investor: Investor): readonly Instrument[] {
  return investor.kind === 'bankInvestmentArm' ? ['equity', 'loan'] : ['equity'];
}

/**
 * `instrument` (project–investor): the project seeks an instrument the investor provides —
 * equity, or for a `bankInvestmentArm` also a loan. Takes no options.
 */
export function investorInstrumentRule(options?: NoOptions): EligibilityRule<Project, Investor> {
  const { spec } = resolvePartOptions('instrument', options, {});
  return defineRule<Project, Investor>({
    name: 'instrument',
    label: { zh: '融资方式', en: 'instrument' },
    description: {
      zh: '项目寻求的融资方式是投资方提供的方式',
      en: 'the project seeks an instrument the investor provides',
    },
    key: projectInstrumentKey,
    test: ({ subject, target }) => investorInstruments(target).includes(subject.need.instrument),
    describe({ subject, target }) {
      const provided = investorInstruments(target);
      const sought = subject.need.instrument;
      const names = (l: 'zh' | 'en') => joinAlternatives(namesOf(INSTRUMENT_NAMES, provided, l), l);
      return {
        actual: sought,
        required: provided,
        failure: () => ({
          message: {
            zh: `项目寻求${INSTRUMENT_NAMES[sought].zh}，投资方仅提供${names('zh')}`,
            en: `the project seeks ${INSTRUMENT_NAMES[sought].en}; the investor provides ${names('en')} only`,
          },
          hint: {
            zh: `若项目接受${names('zh')}则符合条件`,
            en: `eligible if the project seeks ${names('en')}`,
          },
          change: {
            key: `instrument:${provided.join('|')}`,
            label: { zh: `寻求${names('zh')}`, en: `seek ${names('en')}` },
          },
        }),
      };
    },
    spec,
  });
}

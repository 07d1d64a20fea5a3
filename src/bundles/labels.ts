import type { LocalizedText } from '../i18n/locale.js';
import type { Instrument } from '../model/enums.js';

/** Names of the instruments, for bundle summaries. */
export const INSTRUMENT_LABELS: Readonly<Record<Instrument, LocalizedText>> = {
  loan: { zh: '贷款', en: 'loan' },
  equity: { zh: '股权', en: 'equity' },
  bond: { zh: '债券', en: 'bond' },
  insurance: { zh: '保险', en: 'insurance' },
  guarantee: { zh: '担保', en: 'guarantee' },
  leasing: { zh: '融资租赁', en: 'leasing' },
  listing: { zh: '挂牌上市服务', en: 'listing service' },
};

/** Why two instruments complement each other (keys: the two instruments sorted, joined by `+`). */
export const COMPLEMENT_REASONS: Readonly<Record<string, LocalizedText>> = {
  'insurance+loan': {
    zh: '保险分担研发/中试失败风险，银行据此放贷（如“中试险 + 研发贷”）',
    en: 'insurance covers R&D/pilot failure risk so the bank can lend (as in pilot insurance + R&D loan)',
  },
  'guarantee+loan': {
    zh: '政府性融资担保为贷款增信，与银行分担风险',
    en: 'a government financing guarantee backs the loan and shares its risk with the bank',
  },
  'equity+loan': {
    zh: '投贷联动：股权融资补充资本金，贷款补足资金缺口',
    en: 'investment–loan linkage: equity strengthens capital, the loan fills the rest of the gap',
  },
};

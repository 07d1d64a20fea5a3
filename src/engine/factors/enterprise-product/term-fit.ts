import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { compileLogRangeFit, logRangeFit, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link termFitFactor} (see {@link logRangeFit}). */
export type TermFitOptions = RangeFitOptions;

/**
 * `termFit`: where the term needed sits in the product's term range, in log space (1 at the
 * centre, 0.5 at the edges). In [0, 1].
 */
export function termFitFactor(options: TermFitOptions = {}): Factor<Enterprise, FinancialProduct> {
  return {
    name: 'termFit',
    side: 'subject',
    label: { zh: '期限契合度', en: 'term fit' },
    description: {
      zh: '融资期限在产品期限区间中的位置（对数尺度，居中最佳）',
      en: 'position of the term in the product’s term range (log scale, centre best)',
    },
    score: ({ subject, target }: EnterpriseProductContext) =>
      logRangeFit(subject.need.termMonths, target.termMonths, options),
    kernel: {
      columnName: 'need.termMonths',
      column: (e: Enterprise) => e.need.termMonths,
      compile: ({ termMonths }: FinancialProduct) => compileLogRangeFit(termMonths, options),
    },
  };
}

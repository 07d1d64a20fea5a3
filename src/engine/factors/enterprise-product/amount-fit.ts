import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import type { EnterpriseProductContext, Factor } from '../../types.js';
import { compileLogRangeFit, logRangeFit, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link amountFitFactor} (see {@link logRangeFit}). */
export type AmountFitOptions = RangeFitOptions;

/**
 * `amountFit`: where the amount needed sits in the product's amount range, in log space: 1 at
 * the centre, 0.5 at either edge, decaying outside. A 500万 need fits a 100万–3000万 product
 * better than a 500万–5亿 one, where it would be among the smallest loans. In [0, 1].
 */
export function amountFitFactor(
  options: AmountFitOptions = {},
): Factor<Enterprise, FinancialProduct> {
  return {
    name: 'amountFit',
    side: 'subject',
    label: { zh: '金额契合度', en: 'amount fit' },
    description: {
      zh: '融资金额在产品额度区间中的位置（对数尺度，居中最佳）',
      en: 'position of the amount in the product’s range (log scale, centre best)',
    },
    score: ({ subject, target }: EnterpriseProductContext) =>
      logRangeFit(subject.need.amount, target.amount, options),
    kernel: {
      columnName: 'need.amount',
      column: (e: Enterprise) => e.need.amount,
      compile: ({ amount }: FinancialProduct) => compileLogRangeFit(amount, options),
    },
  };
}

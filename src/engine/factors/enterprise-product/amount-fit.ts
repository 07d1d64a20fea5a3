import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { resolvePartOptions } from '../../rules/options.js';
import type { Factor, NumericKernel } from '../../types.js';
import { scoreThroughKernel } from '../kernel-score.js';
import { compileLogRangeFit, RANGE_FIT_OPTION_CHECKS, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link amountFitFactor} (see {@link logRangeFit}). */
export type AmountFitOptions = RangeFitOptions;

/**
 * `amountFit`: where the amount needed sits in the product's amount range, in log space: 1 at
 * the centre, 0.5 at either edge, decaying outside. A 500万 need fits a 100万–3000万 product
 * better than a 500万–5亿 one, where it would be among the smallest loans. In [0, 1].
 *
 * @throws {@link OptionError} for an unknown or invalid option.
 */
export function amountFitFactor(options?: AmountFitOptions): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('amountFit', options, RANGE_FIT_OPTION_CHECKS);
  const kernel: NumericKernel<Enterprise, FinancialProduct> = {
    columnName: 'need.amount',
    column: (e) => e.need.amount,
    compile: ({ amount }) => compileLogRangeFit(amount, resolved.options),
  };
  return {
    name: 'amountFit',
    side: 'subject',
    label: { zh: '金额契合度', en: 'amount fit' },
    description: {
      zh: '融资金额在产品额度区间中的位置（对数尺度，居中最佳）',
      en: 'position of the amount in the product’s range (log scale, centre best)',
    },
    kernel,
    targetFields: ['amount'],
    score: scoreThroughKernel(kernel),
    spec: resolved.spec,
  };
}

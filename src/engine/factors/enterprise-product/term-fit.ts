import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import { resolvePartOptions } from '../../rules/options.js';
import type { Factor, NumericKernel } from '../../types.js';
import { scoreThroughKernel } from '../kernel-score.js';
import { compileLogRangeFit, RANGE_FIT_OPTION_CHECKS, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link termFitFactor} (see {@link logRangeFit}). */
export type TermFitOptions = RangeFitOptions;

/**
 * `termFit`: where the term needed sits in the product's term range, in log space (1 at the
 * centre, 0.5 at the edges). In [0, 1].
 *
 * @throws {@link OptionError} for an unknown or invalid option.
 */
export function termFitFactor(options?: TermFitOptions): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('termFit', options, RANGE_FIT_OPTION_CHECKS);
  const kernel: NumericKernel<Enterprise, FinancialProduct> = {
    columnName: 'need.termMonths',
    column: (e) => e.need.termMonths,
    compile: ({ termMonths }) => compileLogRangeFit(termMonths, resolved.options),
  };
  return {
    name: 'termFit',
    side: 'subject',
    label: { zh: '期限契合度', en: 'term fit' },
    description: {
      zh: '融资期限在产品期限区间中的位置（对数尺度，居中最佳）',
      en: 'position of the term in the product’s term range (log scale, centre best)',
    },
    kernel,
    targetFields: ['termMonths'],
    score: scoreThroughKernel(kernel),
    spec: resolved.spec,
  };
}

import type { Investor, Project } from '../../../model/types.js';
import { resolvePartOptions } from '../../rules/options.js';
import type { Factor, NumericKernel } from '../../types.js';
import { scoreThroughKernel } from '../kernel-score.js';
import { compileLogRangeFit, RANGE_FIT_OPTION_CHECKS, type RangeFitOptions } from '../range-fit.js';

/** Options of {@link ticketFitFactor} (see {@link logRangeFit}). */
export type TicketFitOptions = RangeFitOptions;

/**
 * `ticketFit` (side `subject`: can the investor write the cheque the project needs?): the
 * amount sought in the investor's ticket range, log scale, 1 at the centre, 0.5 at the edges.
 * In [0, 1].
 *
 * @throws {@link OptionError} for an unknown or invalid option.
 */
export function ticketFitFactor(options?: TicketFitOptions): Factor<Project, Investor> {
  const resolved = resolvePartOptions('ticketFit', options, RANGE_FIT_OPTION_CHECKS);
  const kernel: NumericKernel<Project, Investor> = {
    columnName: 'need.amount',
    column: (p) => p.need.amount,
    compile: ({ ticket }) => compileLogRangeFit(ticket, resolved.options),
  };
  return {
    name: 'ticketFit',
    side: 'subject',
    label: { zh: '投资额契合度', en: 'ticket fit' },
    description: {
      zh: '项目融资额在投资方单笔投资区间中的位置（对数尺度）',
      en: 'position of the amount sought in the investor’s ticket range (log scale)',
    },
    kernel,
    score: scoreThroughKernel(kernel),
    spec: resolved.spec,
  };
}

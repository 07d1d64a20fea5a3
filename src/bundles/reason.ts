/**
 * The one-line reason of each bundle: why it is in the list and how it differs from the
 * better-placed bundles — short enough for a table cell, so nothing is cut.
 *
 * @module
 */
import type { ProductBundle } from '../engine/api.js';
import { pick, type Locale } from '../i18n/locale.js';
import type { Instrument } from '../model/enums.js';
import { INSTRUMENT_LABELS } from './labels.js';

/** Context of {@link bundleReasons}. */
export interface BundleReasonsContext {
  /** The bundles as returned (collapsed, best first). */
  bundles: readonly ProductBundle[];
  /** The instrument of every product named by the bundles. */
  instruments: ReadonlyMap<string, Instrument>;
  /** Bundles whose products carry a declared `combinesWith` link between them, by index. */
  declared: readonly boolean[];
  /** Language. */
  locale: Locale;
}

/**
 * One reason per bundle, in `locale`:
 * - the first: that it scores highest, and how much of the need it covers;
 * - every other: compared with the better-placed bundle it shares most products with (the
 *   better-placed on a tie), which products it swaps, adds or drops, what that changes
 *   (coverage, a declared combination) and how much lower it scores;
 *
 * Products are named by id and instrument, as in the CLI table's product column; the
 * alternatives are not repeated here (they are in `alternatives`, the summary and that column).
 */
export function bundleReasons(ctx: BundleReasonsContext): string[] {
  const { bundles, instruments, declared, locale } = ctx;
  const en = locale === 'en';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const name = (id: string) => {
    const instrument = instruments.get(id);
    const label = instrument ? pick(INSTRUMENT_LABELS[instrument], locale) : '';
    return en ? `${id} (${label})` : `${id}（${label}）`;
  };
  const list = (ids: readonly string[]) => ids.map(name).join(en ? ', ' : '、');

  return bundles.map((bundle, i) => {
    const parts: string[] = [];
    if (i === 0) {
      parts.push(
        en
          ? `Highest score; covers ${pct(bundle.covered)} of the need`
          : `得分最高，覆盖需求的${pct(bundle.covered)}`,
      );
      if (declared[i])
        parts.push(en ? 'a combination the institutions declared' : '机构声明可组合');
    } else {
      const j = closestBetter(bundles, i);
      const other = bundles[j]!;
      const mine = new Set(bundle.productIds);
      const theirs = new Set(other.productIds);
      const added = bundle.productIds.filter((id) => !theirs.has(id));
      const dropped = other.productIds.filter((id) => !mine.has(id));
      const change =
        added.length > 0 && dropped.length > 0
          ? en
            ? `${list(added)} instead of ${list(dropped)}`
            : `以${list(added)}替代${list(dropped)}`
          : added.length > 0
            ? en
              ? `adds ${list(added)}`
              : `增加${list(added)}`
            : en
              ? `drops ${list(dropped)}`
              : `去掉${list(dropped)}`;
      parts.push(
        en ? `Compared with #${other.rank}: ${change}` : `与第${other.rank}名相比：${change}`,
      );
      if (pct(bundle.covered) !== pct(other.covered))
        parts.push(
          en
            ? `covers ${pct(bundle.covered)} of the need (not ${pct(other.covered)})`
            : `覆盖需求${pct(other.covered)}→${pct(bundle.covered)}`,
        );
      if (declared[i] !== declared[j])
        parts.push(
          declared[i]
            ? en
              ? 'a combination the institutions declared'
              : '含机构声明的组合'
            : en
              ? 'no declared combination'
              : '无机构声明的组合',
        );
      const lower = other.score - bundle.score;
      parts.push(
        lower > 0
          ? en
            ? `scores ${lower.toFixed(3)} lower`
            : `得分低${lower.toFixed(3)}`
          : en
            ? 'same score'
            : '得分相同',
      );
    }
    return parts.join(en ? '; ' : '；');
  });
}

/** The better-placed bundle sharing most products with bundle `i` (the best-placed on a tie). */
function closestBetter(bundles: readonly ProductBundle[], i: number): number {
  const mine = new Set(bundles[i]!.productIds);
  let best = 0;
  let bestShared = -1;
  for (let j = 0; j < i; j++) {
    const shared = bundles[j]!.productIds.filter((id) => mine.has(id)).length;
    if (shared > bestShared) {
      best = j;
      bestShared = shared;
    }
  }
  return best;
}

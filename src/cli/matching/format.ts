/**
 * Output helpers of the matching commands: the JSON shape of a ranked match, scores with
 * four decimals, the top contributions of a match with the factors' localized labels, and
 * the near-miss report printed for a subject with no eligible result.
 *
 * @module
 */
import type { NearMissReport } from '../../engine/api.js';
import type { Locale } from '../../i18n/locale.js';
import type { Profile } from '../../engine/types.js';
import type { TableColumn } from '../table.js';
import type { CliContext } from '../types.js';

/** Contributions shown per row in tables. */
export const TABLE_TOP_CONTRIBUTIONS = 3;
/** Decimals of scores in tables. */
export const SCORE_DECIMALS = 4;
/** Longest name cell in tables, in display columns (CJK count double). */
export const NAME_MAX_WIDTH = 36;

/** A score with {@link SCORE_DECIMALS} decimals. */
export function formatScore(score: number): string {
  return score.toFixed(SCORE_DECIMALS);
}

/** A factor-name → label lookup in `locale`, from a profile's factors (name when unlabeled). */
export function factorLabels<S, T>(
  profile: Profile<S, T>,
  locale: Locale,
): (name: string) => string {
  const labels = new Map(
    profile.factors.map(({ factor }) => [
      factor.name,
      factor.label ? (locale === 'en' ? factor.label.en : factor.label.zh) : factor.name,
    ]),
  );
  return (name) => labels.get(name) ?? name;
}

/** `sector fit 0.182, amount fit 0.121, …`: the `n` largest positive contributions. */
export function topContributions(
  contributions: Readonly<Record<string, number>>,
  label: (name: string) => string,
  n: number = TABLE_TOP_CONTRIBUTIONS,
): string {
  return Object.entries(contributions)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, v]) => `${label(name)} ${v.toFixed(3)}`)
    .join(', ');
}

/** The text for one of two locales. */
export function byLocale(ctx: CliContext, zh: string, en: string): string {
  return ctx.locale === 'en' ? en : zh;
}

/**
 * How many results a title announces: all eligible ones, and how many of them are shown when
 * `--k` cut the list ("10 eligible products, top 3 shown"), never `k` passed off as the count.
 * `noun.measure` is the Chinese measure word (个, 家).
 */
export function eligibleCount(
  ctx: CliContext,
  shown: number,
  total: number,
  noun: { zh: string; measure: string; en: string },
): string {
  const zh = `${total} ${noun.measure}${noun.zh}`;
  const en = `${total} ${noun.en}`;
  return total > shown
    ? byLocale(ctx, `${zh}，显示前 ${shown} ${noun.measure}`, `${en}, top ${shown} shown`)
    : byLocale(ctx, zh, en);
}

/** The JSON object of one ranked match: its id field, rank, score and contributions. */
export function matchJson<K extends string>(
  idField: K,
  id: string,
  match: {
    rank: number;
    score: number;
    contributions: Record<string, number>;
    factors?: Record<string, number | null>;
  },
): Record<K | 'rank' | 'score' | 'contributions', unknown> {
  // Factors that abstained (no information, e.g. no interaction history) had their weight
  // redistributed; name them so the output says why they contribute nothing.
  const abstained = Object.entries(match.factors ?? {})
    .filter(([, v]) => v === null)
    .map(([n]) => n);
  return {
    [idField]: id,
    rank: match.rank,
    score: match.score,
    contributions: match.contributions,
    ...(abstained.length > 0 ? { abstained } : {}),
  } as Record<K | 'rank' | 'score' | 'contributions', unknown>;
}

/** A ranked match whose ranked record's id is under `K` (`productId`, `investorId`…). */
export type RankedMatch<K extends string> = Parameters<typeof matchJson>[2] & Record<K, string>;

/** The JSON objects of ranked matches, each with its id under `idField` (see {@link matchJson}). */
export function matchesJson<K extends string>(
  idField: K,
  matches: readonly RankedMatch<K>[],
): Record<K | 'rank' | 'score' | 'contributions', unknown>[] {
  return matches.map((m) => matchJson(idField, m[idField], m));
}

/**
 * The table of ranked matches: rank, the ranked record's id (under `idField`) and name, any
 * `extra` columns (looked up on the record), score, and the top contributions.
 */
export function matchTable<K extends string, R extends { name: string }>(
  ctx: CliContext,
  matches: readonly RankedMatch<K>[],
  label: (name: string) => string,
  ranked: {
    idField: K;
    /** Header of the id column. */
    header: { zh: string; en: string };
    byId: ReadonlyMap<string, R>;
    /** Columns between the name and the score. */
    extra?: readonly { column: TableColumn; cell: (record: R | undefined) => string }[];
  },
): { columns: TableColumn[]; rows: string[][] } {
  const extra = ranked.extra ?? [];
  return {
    columns: [
      { header: byLocale(ctx, '排名', 'Rank'), align: 'right' },
      { header: byLocale(ctx, ranked.header.zh, ranked.header.en) },
      { header: byLocale(ctx, '名称', 'Name'), maxWidth: NAME_MAX_WIDTH },
      ...extra.map((e) => e.column),
      { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
      { header: byLocale(ctx, '主要贡献', 'Top contributions') },
    ],
    rows: matches.map((m) => {
      const id = m[ranked.idField];
      const record = ranked.byId.get(id);
      return [
        String(m.rank),
        id,
        record?.name ?? '',
        ...extra.map((e) => e.cell(record)),
        formatScore(m.score),
        topContributions(m.contributions, label),
      ];
    }),
  };
}

/** A rule-name → label lookup in `locale`, from a profile's rules (name when unlabeled). */
export function ruleLabels<S, T>(profile: Profile<S, T>, locale: Locale): (name: string) => string {
  const labels = new Map(
    profile.rules.map((r) => [
      r.name,
      r.label ? (locale === 'en' ? r.label.en : r.label.zh) : r.name,
    ]),
  );
  return (name) => labels.get(name) ?? name;
}

/** How the near-miss lines name the ranked records: "产品"/"products", with the measure word. */
export interface NearMissNoun {
  zh: string;
  measure: string;
  /** Plural, e.g. `products`. */
  en: string;
  /** Singular, e.g. `product`. */
  enOne: string;
}

/**
 * The lines printed under an empty ranking: the nearest misses (each with its failed rules
 * and their hints) and the changes that would make the most targets eligible, with their
 * counts, in `ctx.locale` (the report's texts are already in the matcher's locale).
 */
export function nearMissLines(
  ctx: CliContext,
  report: NearMissReport,
  noun: NearMissNoun,
  names: ReadonlyMap<string, { name: string }>,
  ruleLabel: (rule: string) => string,
): string[] {
  const lines: string[] = [];
  const { nearest, changes, ineligible } = report;
  if (ineligible === 0) return lines;
  lines.push(
    byLocale(
      ctx,
      `最接近的 ${nearest.length} ${noun.measure}${noun.zh}（共 ${ineligible} ${noun.measure}不符合条件）：`,
      `Nearest misses (${nearest.length} of ${ineligible} ineligible ${noun.en}):`,
    ),
  );
  for (const miss of nearest) {
    const name = names.get(miss.targetId)?.name;
    const head = name ? `${miss.targetId} ${name}` : miss.targetId;
    const n = miss.failed.length;
    const why = miss.failed
      .map((f) =>
        byLocale(ctx, `${ruleLabel(f.rule)}：${f.hint}`, `${ruleLabel(f.rule)}: ${f.hint}`),
      )
      .join(byLocale(ctx, '；', '; '));
    lines.push(
      byLocale(
        ctx,
        `  ${head}：${n} 项规则未通过——${why}`,
        `  ${head}: ${n} rule${n === 1 ? '' : 's'} failed — ${why}`,
      ),
    );
  }
  if (changes.length === 0) {
    lines.push(
      byLocale(
        ctx,
        `没有单项改动能使任何${noun.zh}符合条件。`,
        `No single change would make any of these ${noun.en} eligible.`,
      ),
    );
    return lines;
  }
  lines.push(
    byLocale(ctx, `单项改动可解锁的${noun.zh}：`, `Single changes that would unlock ${noun.en}:`),
  );
  for (const c of changes)
    lines.push(
      byLocale(
        ctx,
        `  ${c.label}：${c.count} ${noun.measure}${noun.zh}`,
        `  ${c.label}: ${c.count} ${c.count === 1 ? noun.enOne : noun.en}`,
      ),
    );
  return lines;
}

/** The JSON of a near-miss report, with target ids under `idField` (`productId`, `investorId`). */
export function nearMissJson(report: NearMissReport, idField: string): Record<string, unknown> {
  return {
    eligible: report.eligible,
    ineligible: report.ineligible,
    nearest: report.nearest.map((m) => ({ [idField]: m.targetId, failed: m.failed })),
    changes: report.changes.map((c) => ({
      key: c.key,
      label: c.label,
      rule: c.rule,
      count: c.count,
      [`${idField}s`]: c.targetIds,
    })),
  };
}

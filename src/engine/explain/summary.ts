/**
 * Human-readable summary lines of an explanation, in the requested locale: the verdict, then
 * for an eligible pair each factor's contribution and weight (largest first), for an
 * ineligible one each failed rule with its hint.
 *
 * @module
 */
import type { Locale } from '../../i18n/locale.js';
import { pick } from '../../i18n/locale.js';
import type { Explanation, Profile } from '../types.js';
import { formatScore } from './labels.js';

/** The part of a pair score the summary needs. */
export interface SummaryInput {
  sides?: { subject: number; target: number };
}

/**
 * Summary lines, e.g. zh "金额契合度 贡献 0.12（权重 0.15）", en "amount fit contributed 0.12
 * (weight 0.15)". The weights shown are the ones the score really used
 * (`explanation.weights`: after redistribution, or a learned strategy's fitted weights), so
 * each contribution is its weight times the factor's value.
 */
export function summarize<S, T>(
  profile: Profile<S, T>,
  explanation: Explanation,
  result: SummaryInput,
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const lines: string[] = [];
  const ruleLabel = new Map(
    profile.rules.map((r) => [r.name, r.label ? pick(r.label, locale) : r.name]),
  );
  if (!explanation.eligible) {
    const n = explanation.exclusions.length;
    lines.push(
      en ? `not eligible: ${n} rule${n === 1 ? '' : 's'} failed` : `不符合条件：${n} 项规则未通过`,
    );
    for (const x of explanation.exclusions) {
      const label = ruleLabel.get(x.rule) ?? x.rule;
      lines.push(en ? `${label}: ${x.message}; ${x.hint}` : `${label}：${x.message}；${x.hint}`);
    }
    return lines;
  }
  const score = formatScore(explanation.score);
  const where = `${profile.strategy.name}, ${profile.name} ${profile.version}`;
  lines.push(
    en ? `eligible; score ${score} (${where})` : `符合条件，综合得分 ${score}（${where}）`,
  );
  if (result.sides) {
    const s = formatScore(result.sides.subject);
    const t = formatScore(result.sides.target);
    lines.push(en ? `subject side ${s}, target side ${t}` : `需求方契合度 ${s}，供给方契合度 ${t}`);
  }
  const ordered = [...profile.factors].sort((a, b) => {
    const d =
      (explanation.contributions[b.factor.name] ?? 0) -
      (explanation.contributions[a.factor.name] ?? 0);
    return d !== 0 ? d : a.factor.name < b.factor.name ? -1 : a.factor.name > b.factor.name ? 1 : 0;
  });
  for (const { factor } of ordered) {
    const label = factor.label ? pick(factor.label, locale) : factor.name;
    if (explanation.factors[factor.name] === null) {
      lines.push(
        en
          ? `${label} abstained (no data); its weight was redistributed`
          : `${label} 无数据，权重已按比例分配给其他因子`,
      );
      continue;
    }
    const c = formatScore(explanation.contributions[factor.name] ?? 0);
    const w = formatScore(explanation.weights[factor.name] ?? 0);
    lines.push(en ? `${label} contributed ${c} (weight ${w})` : `${label} 贡献 ${c}（权重 ${w}）`);
    for (const reason of explanation.evidence?.[factor.name] ?? []) lines.push(`  · ${reason}`);
  }
  return lines;
}

/**
 * Ordered ladders: development stage, SRDI (专精特新) tier, technology readiness level and
 * funding round. Each ladder is an ordered tuple; `rank*` gives a value's position.
 *
 * Sources: ../shared/domain/stages-and-investors.md (stages, rounds, TRL per GB/T 22900),
 * ../shared/domain/srdi.md (tiers and criteria).
 *
 * @module
 */
import type { LocalizedText } from '../i18n/locale.js';

/**
 * Development stages, in order (种子期 → 上市前). Policy texts give no numeric cut-offs;
 * {@link suggestStage} applies the machine-readable heuristics of stages-and-investors.md §1.
 */
export const STAGES = ['seed', 'startup', 'growth', 'expansion', 'mature', 'preIPO'] as const;
/** A development stage. */
export type Stage = (typeof STAGES)[number];

/** Names of the stages. */
export const STAGE_NAMES: Readonly<Record<Stage, LocalizedText>> = {
  seed: { zh: '种子期', en: 'seed' },
  startup: { zh: '初创期', en: 'start-up' },
  growth: { zh: '成长期', en: 'growth' },
  expansion: { zh: '扩张期', en: 'expansion' },
  mature: { zh: '成熟期', en: 'mature' },
  preIPO: { zh: '上市前', en: 'pre-IPO' },
};

/**
 * SRDI ladder, bottom to top (srdi.md, pyramid): T0 any SME; T1 科技和创新型中小企业
 * (technology-based / innovative SME); T2 provincial 专精特新中小企业; T3 national
 * 专精特新"小巨人"; T4 制造业单项冠军 (manufacturing single champion). Tiers cannot be
 * skipped and certificates are valid for {@link SRDI_CERTIFICATE_YEARS} years.
 */
export const SRDI_TIERS = ['none', 'techSme', 'srdi', 'littleGiant', 'champion'] as const;
/** An SRDI tier. */
export type SrdiTier = (typeof SRDI_TIERS)[number];

/** Names of the SRDI tiers. */
export const SRDI_TIER_NAMES: Readonly<Record<SrdiTier, LocalizedText>> = {
  none: { zh: '一般中小企业', en: 'ordinary SME' },
  techSme: { zh: '科技和创新型中小企业', en: 'technology-based/innovative SME' },
  srdi: { zh: '专精特新中小企业', en: 'SRDI SME (provincial)' },
  littleGiant: { zh: '专精特新"小巨人"', en: 'SRDI "little giant" (national)' },
  champion: { zh: '制造业单项冠军', en: 'manufacturing single champion' },
};

/** Validity of an SRDI certificate in years before review (复核) [srdi.md, 3P/M]. */
export const SRDI_CERTIFICATE_YEARS = 3;

/** Technology readiness levels 1–9 (GB/T 22900; stages-and-investors.md §3). */
export const TRLS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** A technology readiness level. */
export type Trl = (typeof TRLS)[number];

/** TRL descriptions (common Chinese/NASA-style wording, stages-and-investors.md §3). */
export const TRL_NAMES: Readonly<Record<Trl, LocalizedText>> = {
  1: { zh: '发现基本原理', en: 'basic principles observed' },
  2: { zh: '形成技术概念/应用设想', en: 'technology concept formulated' },
  3: { zh: '关键功能/概念验证', en: 'proof of concept' },
  4: { zh: '实验室环境部件/原理样机验证', en: 'component validated in lab' },
  5: { zh: '相关环境中部件/样机验证', en: 'component validated in relevant environment' },
  6: {
    zh: '相关环境中系统/原型演示(中试)',
    en: 'prototype demonstrated in relevant environment (pilot)',
  },
  7: { zh: '实际环境中系统样机验证', en: 'prototype demonstrated in operational environment' },
  8: { zh: '系统定型、试生产', en: 'system complete and qualified' },
  9: { zh: '批量生产/实际应用', en: 'proven in operation' },
};

/** Funding rounds in order (stages-and-investors.md §2). */
export const ROUNDS = ['seed', 'angel', 'preA', 'A', 'B', 'C', 'D', 'preIPO'] as const;
/** A funding round. */
export type Round = (typeof ROUNDS)[number];

/** Names of the rounds. */
export const ROUND_NAMES: Readonly<Record<Round, LocalizedText>> = {
  seed: { zh: '种子轮', en: 'seed' },
  angel: { zh: '天使轮', en: 'angel' },
  preA: { zh: 'Pre-A轮', en: 'pre-A' },
  A: { zh: 'A轮', en: 'series A' },
  B: { zh: 'B轮', en: 'series B' },
  C: { zh: 'C轮', en: 'series C' },
  D: { zh: 'D轮及以后', en: 'series D+' },
  preIPO: { zh: 'Pre-IPO轮', en: 'pre-IPO' },
};

/** Position of a stage on its ladder (0 = seed). */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}
/** Position of an SRDI tier on its ladder (0 = none … 4 = champion). */
export function srdiRank(tier: SrdiTier): number {
  return SRDI_TIERS.indexOf(tier);
}
/** Position of a round on its ladder (0 = seed). */
export function roundRank(round: Round): number {
  return ROUNDS.indexOf(round);
}

/**
 * Suggested stage from raw signals, as the machine-readable cut-offs of
 * stages-and-investors.md §1 (a design choice, not policy): seed when revenue is 0 and
 * TRL ≤ 4; start-up when revenue < 1,000万 or age ≤ 3 years; growth below 1亿; expansion below
 * 4亿; mature from 4亿. Pre-IPO is a flag only a user sets.
 */
export function suggestStage(signals: {
  annualRevenue: number;
  ageYears: number;
  trl?: number;
}): Stage {
  const { annualRevenue, ageYears, trl } = signals;
  if (annualRevenue === 0 && (trl === undefined || trl <= 4)) return 'seed';
  if (annualRevenue < STAGE_REVENUE_CUTOFFS.growth || ageYears <= 3) return 'startup';
  if (annualRevenue < STAGE_REVENUE_CUTOFFS.expansion) return 'growth';
  if (annualRevenue < STAGE_REVENUE_CUTOFFS.mature) return 'expansion';
  return 'mature';
}

/** Revenue cut-offs (yuan) between stages used by {@link suggestStage}. */
export const STAGE_REVENUE_CUTOFFS = Object.freeze({
  /** 1,000万: growth starts (2022 provincial SRDI revenue floor). */
  growth: 1e7,
  /** 1亿: expansion starts. */
  expansion: 1e8,
  /** 4亿: mature (single-champion 3-year average floor; SME ceiling for industry). */
  mature: 4e8,
});

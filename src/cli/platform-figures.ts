/**
 * The platform's published figures the demo compares a generated market with.
 *
 * Source: ../shared/domain/platform.md §2, SCIO press-conference transcript published
 * 2025-01-03 (MIIT spokesperson 陶青), http://china.org.cn/china/2025-01/03/content_117644263_10.htm [V];
 * average financing per beneficiary firm from the SCIO H1-2025 briefing (谢少锋) [V].
 *
 * @module
 */
import type { LocalizedText } from '../i18n/locale.js';

/** One published figure. */
export interface PlatformFigure {
  /** The market part it compares with. */
  part: 'enterprises' | 'institutions' | 'products' | 'projects' | 'investors' | 'zones';
  /** What is counted. */
  label: LocalizedText;
  /** The published value. */
  value: number;
  /** `true` when the source says "more than" (150+ institutions). */
  atLeast: boolean;
}

/** Counts published for the National Industry–Finance Cooperation Platform (as of end-2024). */
export const PLATFORM_FIGURES: readonly PlatformFigure[] = [
  {
    part: 'enterprises',
    label: { zh: '优质企业', en: 'quality enterprises' },
    value: 345_800,
    atLeast: false,
  },
  {
    part: 'institutions',
    label: { zh: '金融机构', en: 'financial institutions' },
    value: 2_965,
    atLeast: false,
  },
  {
    part: 'products',
    label: { zh: '金融产品', en: 'financial products' },
    value: 741,
    atLeast: false,
  },
  { part: 'zones', label: { zh: '特色专区', en: 'special zones' }, value: 24, atLeast: false },
  {
    part: 'projects',
    label: { zh: '科技产业金融一体化项目', en: 'S&T integration projects' },
    value: 260,
    atLeast: false,
  },
  {
    part: 'investors',
    label: { zh: '头部金融/投资机构', en: 'leading investors' },
    value: 150,
    atLeast: true,
  },
];

/** Average financing per beneficiary enterprise, yuan (≈ 3,400万, SCIO H1-2025 briefing). */
export const PLATFORM_AVERAGE_FINANCING_YUAN = 34_000_000;

export { targetProfileFactor } from './target-profile.js';
export {
  defineLearnedFactor,
  type LearnedBinding,
  type LearnedFactor,
  type LearnedFactorDefinition,
} from './learned-factor.js';
export { volumePriorFactor } from './volume-prior.js';
export { repeatPartnerFactor } from './repeat-partner.js';
export { natsToValue } from './value-map.js';
export type { LearnedFactorOptions, HistoryTarget } from '../history/prepare.js';
export type { OutcomeFit, OutcomeModel, OutcomeModelOptions } from '../history/model.js';
export {
  subjectFeatures,
  describeFeatureValue,
  type SubjectFeature,
  type HistorySubject,
} from '../history/features.js';
export * as learnedDefaults from '../history/defaults.js';
export {
  softRuleFactor,
  softenRules,
  softWithHistory,
  type SoftRuleFactor,
  type SoftRuleOptions,
} from './soft-rule.js';

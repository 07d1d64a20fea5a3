/**
 * Product bundles: complementary combinations ("股贷债保", e.g. "中试险 + 研发贷") that together
 * cover an enterprise's need.
 *
 * @module
 */
export {
  buildBundles,
  readBundleOptions,
  MAX_BUNDLE_MEMBERS_PER_INSTRUMENT,
  type BuildBundlesContext,
  type BundleOptions,
} from './build.js';
export {
  collapseEquivalentBundles,
  isEquivalentBySwaps,
  type BundleMemberFacts,
  type CollapseBundlesContext,
} from './collapse.js';
export { bundleReasons, type BundleReasonsContext } from './reason.js';
export { INSTRUMENT_LABELS, COMPLEMENT_REASONS } from './labels.js';
export {
  DEFAULT_BUNDLE_K,
  BUNDLE_MEMBERS_PER_INSTRUMENT,
  FUNDING_INSTRUMENTS,
  COMPLEMENTARY_INSTRUMENTS,
  COMBINES_WITH_BONUS,
  OVERSHOOT_PENALTY,
} from './defaults.js';

/**
 * Profiles: named, versioned configurations of rules, weighted factors, a strategy and
 * re-rankers.
 *
 * @module
 */
export {
  defineProfile,
  extendProfile,
  type ProfileDefinition,
  type ProfileExtension,
} from './define.js';
export {
  enterpriseProductProfile,
  ENTERPRISE_PRODUCT_PROFILE_VERSION,
} from './enterprise-product.js';
export { projectInvestorProfile, PROJECT_INVESTOR_PROFILE_VERSION } from './project-investor.js';
export {
  profileToSpec,
  profileFromSpec,
  profileHash,
  specJson,
  customParts,
  PROFILE_SPEC_FORMAT,
  PROFILE_SPEC_VERSION,
  type ProfileSpec,
  type PartRef,
  type SpecParts,
  type ProfileFromSpecOptions,
  type MarketProfile,
} from './spec.js';
export {
  SHIPPED_PARTS,
  type PartRegistry,
  type PartBuilder,
  type MarketParts,
} from './registry.js';

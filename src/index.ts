/**
 * finmatch: matching and recommendation for industry–finance cooperation.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './i18n/locale.js';
export * from './model/enums.js';
export * from './model/limits.js';
export * from './model/types.js';
export {
  parseRecord,
  safeParseRecord,
  parseBatch,
  parseAll,
  parseEnterprise,
  parseInstitution,
  parseProduct,
  parseProject,
  parseInvestor,
  parseInteraction,
  parseChain,
  parseZone,
  type ParseOptions,
  type SafeParseResult,
  type BatchError,
  type BatchResult,
  type BatchOptions,
} from './model/parse.js';
export * from './taxonomy/sectors.js';
export * from './taxonomy/ladders.js';
export * from './taxonomy/regions.js';
export * from './taxonomy/srdi.js';
export { jsonSchema, JSON_SCHEMA_ID_BASE, type JsonSchemaDocument } from './model/json-schema.js';
export { SECTOR_CODE_PATTERN, DATE_PATTERN } from './model/schemas.js';
export * from './engine/index.js';
export { explainPlan } from './compile/plan.js';
export { partSpec } from './engine/part-spec.js';
export type * from './engine/types.js';
export type * from './engine/api.js';
export * from './io/index.js';
export { generateMarket, marketCounts } from './generate/index.js';
export {
  TRUTH_FILES,
  enterpriseProductTruthRecords,
  projectInvestorTruthRecords,
  type EnterpriseProductTruthRecord,
  type ProjectInvestorTruthRecord,
} from './generate/truth-file.js';
export type {
  GenerateOptions,
  Market,
  MarketManifest,
  MarketScale,
  MarketTruth,
} from './generate/types.js';
export * from './collab/index.js';
export * from './learn/factors/index.js';
export * from './engine/strategies/index.js';
export * from './engine/rerank/index.js';
export * from './assign/index.js';
export * from './bundles/index.js';

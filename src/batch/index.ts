/**
 * `finmatch/fast`: the columnar fast path (exactly the reference scores), worker-thread
 * sweeps, shards and snapshots.
 *
 * @module
 */
export { TopK, idRanks } from '../compile/topk.js';
export {
  planProfile,
  explainPlan,
  type ProfilePlan,
  type PartPlan,
  type FastPlan,
  type FastEnv,
  type RulePlan,
  type FactorPlan,
} from '../compile/plan.js';
export {
  SubjectColumns,
  KeyDictionary,
  COMPACTION_TOMBSTONE_FRACTION,
  type Postings,
  type SubjectFeed,
  type ChunkedFeed,
  type SizedIterable,
} from '../compile/columns.js';
export { VectorColumn } from '../compile/vector-column.js';
export {
  compileTarget,
  rankSubjects,
  CompiledTarget,
  EAGER_KEY_LIMIT,
  type RankedRow,
} from '../compile/prospect.js';
export { SharedOutcomes, SHARED_OUTCOME_BYTES } from '../compile/shared-outcomes.js';
export { CatalogueEngine } from '../compile/catalogue.js';
export {
  compileTargets,
  compileSubjects,
  type TargetRanker,
  type SubjectRanker,
  type RankRequest,
} from '../compile/compile.js';
export {
  FastSubjectIndex,
  FastCatalogue,
  materialisePair,
  COMPILED_TARGET_CACHE_SIZE,
  type CompiledTargetCacheStats,
} from '../compile/fast.js';
export {
  sweep,
  sweepBatches,
  SweepBatch,
  SWEEP_CHUNKS_AHEAD,
  MAX_SWEEP_BATCH_SIZE,
  MAX_SWEEP_K,
  MAX_SWEEP_THREADS,
  DEFAULT_SWEEP_THREADS,
  DEFAULT_SWEEP_WORKER_IDLE_MS,
  MAX_SWEEP_WORKER_IDLE_MS,
  closeSweepWorkers,
  type SweepOptions,
  type SweepResult,
  type SweepMatch,
} from './sweep.js';
export { selectShard, shardOf, parseShard, MAX_SHARDS } from './shard.js';
export {
  saveSnapshot,
  loadSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotHeader,
  type SnapshotContent,
  type SnapshotRecords,
  type LoadedSnapshot,
  type LoadSnapshotOptions,
} from './snapshot.js';
export {
  profileToSpec,
  profileFromSpec,
  specJson,
  profileHash,
  type ProfileSpec,
} from '../engine/profiles/spec.js';
export { createEnterpriseIndex, createProductMatcher } from '../engine/matchers/index.js';
export { enterpriseProductProfile } from '../engine/profiles/enterprise-product.js';

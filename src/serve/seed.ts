/**
 * Loads a generated market into an empty store (the service's demo and load benchmark), and
 * creates the keys a first user needs.
 *
 * @module
 */
import { generateMarket } from '../generate/index.js';
import type { Market, MarketScale } from '../generate/types.js';
import { newKey } from './auth.js';
import type { Store, StoredKind, WriteOp } from './store/types.js';

/** Records written per transaction when seeding. */
export const SEED_BATCH = 5000;

/** What {@link seedStore} did. */
export interface SeedResult {
  /** False when the store already held records (nothing was written). */
  seeded: boolean;
  counts: Partial<Record<StoredKind, number>>;
  ms: number;
}

/**
 * Writes a generated market (every record kind, and its outcome history as events) into
 * `store` when the store holds no records yet. Deterministic for a seed.
 */
export async function seedStore(
  store: Store,
  options: {
    scale?: MarketScale;
    seed?: number;
    asOf?: string;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<SeedResult> {
  const started = performance.now();
  if ((await store.headSeq()) > 0) return { seeded: false, counts: {}, ms: 0 };
  const market = generateMarket({
    scale: options.scale ?? 'seed',
    seed: options.seed ?? 1,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
  });
  const counts = await storeMarket(store, market, options.onProgress);
  return { seeded: true, counts, ms: Math.round(performance.now() - started) };
}

/**
 * Creates a platform key and, for the first institution with products, an institution key
 * (for the demo). Returns the keys (shown once).
 */
export async function demoKeys(
  store: Store,
): Promise<{ platform: string; institution?: { key: string; institutionId: string } }> {
  const platform = newKey('platform', null, 'demo platform');
  await store.insertKey(platform.row);
  const { records } = await store.listRecords('product', { offset: 0, limit: 1 });
  const institutionId = (records[0]?.body as { institutionId?: string } | undefined)?.institutionId;
  if (institutionId === undefined) return { platform: platform.key };
  const inst = newKey('institution', institutionId, `demo ${institutionId}`);
  await store.insertKey(inst.row);
  return { platform: platform.key, institution: { key: inst.key, institutionId } };
}

/**
 * Writes every record of a market into `store` (reference data first, outcome events last),
 * in transactions of {@link SEED_BATCH}, as JSON data. Returns the count per kind.
 */
export async function storeMarket(
  store: Store,
  market: Pick<
    Market,
    | 'institutions'
    | 'chains'
    | 'zones'
    | 'products'
    | 'investors'
    | 'projects'
    | 'enterprises'
    | 'interactions'
  >,
  onProgress?: (done: number, total: number) => void,
): Promise<Partial<Record<StoredKind, number>>> {
  const lists: [StoredKind, readonly { id: string }[]][] = [
    ['institution', market.institutions],
    ['chain', market.chains],
    ['zone', market.zones],
    ['product', market.products],
    ['investor', market.investors],
    ['project', market.projects],
    ['enterprise', market.enterprises],
    ['interaction', market.interactions],
  ];
  const total = lists.reduce((n, [, l]) => n + l.length, 0);
  let done = 0;
  const counts: Partial<Record<StoredKind, number>> = {};
  for (const [kind, list] of lists) {
    counts[kind] = list.length;
    for (let i = 0; i < list.length; i += SEED_BATCH) {
      const ops: WriteOp[] = list
        .slice(i, i + SEED_BATCH)
        .map((r) => ({ kind, id: r.id, body: JSON.parse(JSON.stringify(r)) as unknown }));
      await store.write(ops);
      done += ops.length;
      onProgress?.(done, total);
    }
  }
  return counts;
}

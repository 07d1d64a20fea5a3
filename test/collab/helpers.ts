/**
 * Seeded synthetic interactions with planted structure for the collaborative tests: subjects
 * in `clusters` groups, each group preferring its own items.
 */
import type { Interaction } from '../../src/model/types.js';
import { createRandom } from '../../src/util/random.js';

/** Options of {@link plantedInteractions}. */
export interface PlantedOptions {
  seed: number;
  subjects: number;
  items: number;
  clusters: number;
  perSubject: number;
  /** Probability an interaction is with the subject's own cluster. */
  inCluster: number;
}

/** Subject `E{u}` is in cluster `u % clusters`; item `P{i}` in cluster `i % clusters`. */
export function plantedInteractions(options: Partial<PlantedOptions> = {}): Interaction[] {
  const o: PlantedOptions = {
    seed: 1,
    subjects: 60,
    items: 24,
    clusters: 3,
    perSubject: 4,
    inCluster: 0.9,
    ...options,
  };
  const random = createRandom(o.seed);
  const kinds = ['viewed', 'applied', 'approved', 'funded'] as const;
  const out: Interaction[] = [];
  for (let u = 0; u < o.subjects; u++) {
    const cluster = u % o.clusters;
    for (let k = 0; k < o.perSubject; k++) {
      const own = random.next() < o.inCluster;
      const item = own
        ? cluster + o.clusters * random.int(o.items / o.clusters)
        : random.int(o.items);
      out.push(
        interaction(
          `x${out.length}`,
          `E${u}`,
          `P${item}`,
          own ? random.pick(kinds) : 'viewed',
          day(random.int(500)),
        ),
      );
    }
  }
  return out;
}

/** One enterprise → product interaction. */
export function interaction(
  id: string,
  subjectId: string,
  itemId: string,
  kind: Interaction['kind'] = 'funded',
  date = '2025-01-01',
): Interaction {
  return { id, subjectKind: 'enterprise', subjectId, itemKind: 'product', itemId, kind, date };
}

/** `2024-01-01` plus `n` days. */
export function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
}

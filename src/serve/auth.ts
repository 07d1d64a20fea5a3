/**
 * API keys: created with a role, shown once, stored as a SHA-256 hash. A key is
 * `fmk_<id>_<secret>`: the id is public (listed, revoked by id), the secret is 32 random bytes.
 * A hash of a 256-bit random secret needs no slow hash: guessing is hopeless and a leaked
 * table reveals no key.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ApiKeyRow, Role, Store } from './store/types.js';

/** Seconds a key lookup is cached: a revocation reaches every replica within this bound. */
export const KEY_CACHE_SECONDS = 5;

/** Who made a request. */
export interface Caller {
  keyId: string;
  role: Role;
  /** For institution keys. */
  institutionId?: string;
}

/** The SHA-256 of a key, hex. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const KEY_PATTERN = /^fmk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Makes a new key (not stored): the row to store and the key to show once. */
export function newKey(
  role: Role,
  institutionId: string | null,
  label: string,
): { key: string; row: ApiKeyRow } {
  const id = randomBytes(8).toString('hex');
  const key = `fmk_${id}_${randomBytes(32).toString('base64url')}`;
  return {
    key,
    row: {
      id,
      hash: hashKey(key),
      role,
      institutionId,
      label,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    },
  };
}

/** Looks keys up by hash, with a short cache. */
export class KeyRing {
  private readonly cache = new LRUCache<string, { caller: Caller | null }>({
    max: 10_000,
    ttl: KEY_CACHE_SECONDS * 1000,
  });

  constructor(private readonly store: Pick<Store, 'findKeyByHash'>) {}

  /** The caller of a presented key, or undefined when the key is unknown, malformed or revoked. */
  async authenticate(presented: string): Promise<Caller | undefined> {
    if (!KEY_PATTERN.test(presented)) return undefined;
    const hash = hashKey(presented);
    const hit = this.cache.get(hash);
    if (hit) return hit.caller ?? undefined;
    const row = await this.store.findKeyByHash(hash);
    const caller =
      row && row.revokedAt === null
        ? {
            keyId: row.id,
            role: row.role,
            ...(row.institutionId !== null ? { institutionId: row.institutionId } : {}),
          }
        : null;
    this.cache.set(hash, { caller });
    return caller ?? undefined;
  }

  /** Forgets cached lookups (after a revocation through this replica). */
  clear(): void {
    this.cache.clear();
  }
}

/** The public view of a key row (never the hash). */
export function publicKey(row: ApiKeyRow) {
  return {
    id: row.id,
    role: row.role,
    institutionId: row.institutionId,
    label: row.label,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}

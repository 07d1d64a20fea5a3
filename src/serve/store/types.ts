/**
 * The service's store: what `finmatch serve` keeps in a database, and the one interface both
 * back-ends (embedded PGlite and PostgreSQL) implement with the same SQL and migrations.
 *
 * Every write to records and outcome events goes through {@link Store.write}: one transaction
 * that appends to the change log (`seq` strictly increasing in commit order, across every
 * replica sharing the database) and updates the current state. Replicas and engine workers
 * follow the log with {@link Store.changesSince}; audits rebuild the market as it was at a
 * `seq` with {@link Store.recordsAsOf}.
 *
 * @module
 */

/** Record kinds the service stores; `interaction` rows are outcome events (never deleted). */
export const STORED_KINDS = [
  'institution',
  'chain',
  'zone',
  'product',
  'enterprise',
  'investor',
  'project',
  'interaction',
] as const;
export type StoredKind = (typeof STORED_KINDS)[number];

/** One entry of the change log, or one current record (then `body` is never null). */
export interface Change {
  /** Position in the change log, from 1, strictly increasing in commit order. */
  seq: number;
  kind: StoredKind;
  id: string;
  /** The validated record as JSON data; `null` when this change deleted the record. */
  body: unknown;
  /** ISO-8601 timestamp of the commit. */
  at: string;
}

/** A write: upsert (`body` set) or delete (`body: null`) of one record. */
export interface WriteOp {
  kind: StoredKind;
  id: string;
  body: unknown;
}

/** Roles of an API key. */
export const ROLES = ['platform', 'institution', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** A stored API key: only the SHA-256 hash of its secret is kept. */
export interface ApiKeyRow {
  /** Public key id (the part of the key before the secret), e.g. `key_3f9a…`. */
  id: string;
  /** Hex SHA-256 of the whole key string. */
  hash: string;
  role: Role;
  /** The institution an `institution` key acts for; `null` for other roles. */
  institutionId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** One audited ranking: what was shown, to whom, from which state. */
export interface RankingRow {
  /** `rnk_…`, returned with the ranking. */
  id: string;
  createdAt: string;
  keyId: string;
  /** The institution of the key, if any (so an institution reads only its own rankings). */
  institutionId: string | null;
  /** The operation, e.g. `rankProducts`, `prospect`, `rankInvestors`. */
  operation: string;
  /** The normalised request (everything needed to recompute). */
  request: unknown;
  /** The response body as shown. */
  result: unknown;
  /** The change-log position of the records the ranking saw. */
  recordSeq: number;
  /** The change-log position of the last outcome event the model was fitted on. */
  modelSeq: number;
  /** A label of the model, e.g. `m42`. */
  modelVersion: string;
  profileHash: string;
  asOf: string;
}

/** A stored snapshot (the library's snapshot bytes, format 2). */
export interface SnapshotRow {
  id: string;
  createdAt: string;
  recordSeq: number;
  contentHash: string;
  bytes: number;
}

/** The interface of both back-ends. Every method is safe to call concurrently. */
export interface Store {
  /** `pglite` (embedded) or `postgres`. */
  readonly backend: 'pglite' | 'postgres';
  /** Applies pending migrations (idempotent; safe when several replicas start at once). */
  migrate(): Promise<void>;
  /**
   * Applies `ops` in one transaction, in order, serialised with every other writer (so `seq`
   * order is commit order and a follower never misses a row). Returns the seq of each op, in
   * order. Deleting a record that does not exist still logs the delete.
   */
  write(ops: readonly WriteOp[]): Promise<number[]>;
  /** The last committed seq (0 when empty). */
  headSeq(): Promise<number>;
  /** Change-log entries with `seq > after`, ascending, at most `limit`. */
  changesSince(after: number, limit: number): Promise<Change[]>;
  /**
   * The current records (no deletions) in pages of at most `pageSize`, ordered by kind (in
   * {@link STORED_KINDS} order) then id. `kinds` restricts to some kinds.
   */
  currentRecords(options?: {
    kinds?: readonly StoredKind[];
    pageSize?: number;
  }): AsyncIterable<Change[]>;
  /** The records as they were just after `seq` (latest version ≤ seq, deletions dropped), paged as above. */
  recordsAsOf(
    seq: number,
    options?: { kinds?: readonly StoredKind[]; pageSize?: number },
  ): AsyncIterable<Change[]>;
  /** One current record, or undefined when absent or deleted. */
  getRecord(kind: StoredKind, id: string): Promise<Change | undefined>;
  /** Current record ids of a kind, by id, with offset/limit; for products, optionally one institution's. */
  listRecords(
    kind: StoredKind,
    options: { offset: number; limit: number; institutionId?: string },
  ): Promise<{ total: number; records: Change[] }>;
  /** Current record count per kind. */
  counts(): Promise<Record<StoredKind, number>>;

  insertKey(row: ApiKeyRow): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRow | undefined>;
  /** Keys by creation then id; only one institution's when given. */
  listKeys(options?: { institutionId?: string }): Promise<ApiKeyRow[]>;
  /** Sets `revokedAt`; returns false when no such key. */
  revokeKey(id: string): Promise<boolean>;

  insertRanking(row: RankingRow): Promise<void>;
  getRanking(id: string): Promise<RankingRow | undefined>;

  insertSnapshot(row: SnapshotRow, body: string): Promise<void>;
  getSnapshot(id: string): Promise<{ row: SnapshotRow; body: string } | undefined>;
  listSnapshots(): Promise<SnapshotRow[]>;

  /**
   * Calls `listener` soon after any replica commits a write (PostgreSQL LISTEN/NOTIFY; in
   * process for PGlite). Listeners must still poll: a notification may be lost on reconnect.
   * Returns an unsubscribe function.
   */
  onChange(listener: () => void): () => void;
  /** Closes connections (waits for running queries). */
  close(): Promise<void>;
}

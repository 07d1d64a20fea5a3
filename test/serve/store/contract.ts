/**
 * The contract every store back-end meets, as one suite run against each (see the
 * `*.test.ts` files beside this one). One store per suite (opening PGlite takes seconds): tests
 * isolate themselves with ids under a prefix of their own and compare only those.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { StoreConflictError, StoreUnavailableError } from '../../../src/serve/store/errors.js';
import {
  STORED_KINDS,
  type ApiKeyRow,
  type Change,
  type RankingRow,
  type Store,
  type StoredKind,
  type WriteOp,
} from '../../../src/serve/store/types.js';

const RUN = Math.random().toString(36).slice(2, 8);
let counter = 0;
/** A fresh id prefix for one test (or one property run). */
export function prefix(): string {
  counter += 1;
  return `${RUN}-${counter}-`;
}

/** Ids order by UTF-8 bytes (collate "C"), not by UTF-16 code units as `<` does. */
export function compareIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Records in store order: kind in STORED_KINDS order, then id by bytes. */
export function storeOrder(
  a: { kind: StoredKind; id: string },
  b: { kind: StoredKind; id: string },
) {
  return STORED_KINDS.indexOf(a.kind) - STORED_KINDS.indexOf(b.kind) || compareIds(a.id, b.id);
}

/** Every page of an async iterable of pages. */
export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  return (await collectPages(pages)).flat();
}

/** Resolves when `predicate` holds, polling; rejects after `ms`. */
export async function eventually(predicate: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The state after `ops` (with their seqs), as the store should report it. */
function model(
  ops: readonly (WriteOp & { seq: number })[],
  upTo: number,
  keep: (id: string) => boolean,
) {
  const state = new Map<string, { kind: StoredKind; id: string; seq: number; body: unknown }>();
  for (const op of ops) {
    if (op.seq > upTo) continue;
    const key = `${op.kind}\u0001${op.id}`;
    if (op.body === null) state.delete(key);
    else state.set(key, { kind: op.kind, id: op.id, seq: op.seq, body: op.body });
  }
  return [...state.values()].filter((r) => keep(r.id)).sort(storeOrder);
}

function strip(changes: readonly Change[]) {
  return changes.map(({ kind, id, seq, body }) => ({ kind, id, seq, body }));
}

const UNICODE_BODY = {
  id: 'x',
  name: '深圳市专精特新科技有限公司',
  emoji: '🚀💰🇨🇳👩‍👩‍👧',
  astral: '𠀋𪚥𝕏',
  combining: 'e\u0301 Å',
  quotes: 'a "quoted" \\ back\\slash \' single',
  controls: 'tab\tnew\nline\r\u0001\u001f nul\u0000 sep\u2028\u2029',
  zwj: '\u200d\ufeff',
  nested: { 键: ['值', 1.5, -0.25, 1e21, 12345678901234, true, null, { z: 1, a: 2 }] },
  z: 'keys in this order',
  a: 'not sorted',
};

export interface ContractOptions {
  /** Skip the whole suite (PostgreSQL without a server). */
  skip?: boolean;
}

/**
 * Registers the store contract suite `name` over the store `open()` returns (called once, in
 * `beforeAll`; the suite migrates it and closes it in `afterAll`).
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  options: ContractOptions = {},
): void {
  describe.skipIf(options.skip === true)(`store contract: ${name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await open();
      await store.migrate();
    }, 120_000);

    afterAll(async () => {
      await store?.close();
    });

    test('migrate is idempotent, also when two run at once', async () => {
      await Promise.all([store.migrate(), store.migrate()]);
      await store.migrate();
      const p = prefix();
      expect(await store.write([{ kind: 'chain', id: `${p}c`, body: { ok: 1 } }])).toHaveLength(1);
    });

    test('write returns consecutive seqs; headSeq and changesSince follow', async () => {
      const p = prefix();
      const head0 = await store.headSeq();
      const ops: WriteOp[] = [
        { kind: 'enterprise', id: `${p}e1`, body: { id: `${p}e1`, v: 1 } },
        { kind: 'product', id: `${p}p1`, body: { id: `${p}p1`, institutionId: 'i' } },
        { kind: 'interaction', id: `${p}x1`, body: { kind: 'view' } },
      ];
      const seqs = await store.write(ops);
      expect(seqs).toEqual([head0 + 1, head0 + 2, head0 + 3]);
      expect(await store.headSeq()).toBe(head0 + 3);

      const changes = await store.changesSince(head0, 10);
      expect(strip(changes)).toEqual(ops.map((op, i) => ({ ...op, seq: head0 + 1 + i })));
      for (const c of changes) {
        expect(c.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Math.abs(Date.parse(c.at) - Date.now())).toBeLessThan(60_000);
      }
      expect(new Set(changes.map((c) => c.at)).size).toBe(1); // one transaction, one time
      expect((await store.changesSince(head0, 2)).map((c) => c.seq)).toEqual([
        head0 + 1,
        head0 + 2,
      ]);
      expect((await store.changesSince(head0 + 1, 1)).map((c) => c.seq)).toEqual([head0 + 2]);
      expect(await store.changesSince(head0 + 3, 10)).toEqual([]);

      expect(await store.write([])).toEqual([]);
      expect(await store.headSeq()).toBe(head0 + 3);
    });

    test('an upsert replaces the record; the log keeps both versions', async () => {
      const p = prefix();
      const id = `${p}prod`;
      const [s1] = await store.write([{ kind: 'product', id, body: { id, v: 1 } }]);
      const [s2] = await store.write([{ kind: 'product', id, body: { id, v: 2 } }]);
      const got = await store.getRecord('product', id);
      expect(got).toMatchObject({ seq: s2, kind: 'product', id, body: { id, v: 2 } });
      expect(await store.getRecord('enterprise', id)).toBeUndefined();
      const log = (await store.changesSince(s1! - 1, 1000)).filter((c) => c.id === id);
      expect(log.map((c) => [c.seq, c.body])).toEqual([
        [s1, { id, v: 1 }],
        [s2, { id, v: 2 }],
      ]);
      const current = (await collect(store.currentRecords({ kinds: ['product'] }))).filter(
        (c) => c.id === id,
      );
      expect(current.map((c) => c.body)).toEqual([{ id, v: 2 }]);
    });

    test('a delete logs a tombstone and removes the record; deleting nothing is logged too', async () => {
      const p = prefix();
      const id = `${p}ent`;
      const [s1] = await store.write([{ kind: 'enterprise', id, body: { id } }]);
      const [s2] = await store.write([{ kind: 'enterprise', id, body: null }]);
      expect(await store.getRecord('enterprise', id)).toBeUndefined();
      const [tomb] = await store.changesSince(s2! - 1, 1);
      expect(tomb).toMatchObject({ seq: s2, kind: 'enterprise', id, body: null });

      const asOf = async (seq: number) =>
        (await collect(store.recordsAsOf(seq, { kinds: ['enterprise'] }))).filter(
          (c) => c.id === id,
        );
      expect((await asOf(s1!)).map((c) => c.seq)).toEqual([s1]);
      expect(await asOf(s2!)).toEqual([]);
      expect(await asOf(s1! - 1)).toEqual([]);

      const [s3] = await store.write([{ kind: 'enterprise', id: `${p}never`, body: null }]);
      expect(await store.changesSince(s3! - 1, 5)).toMatchObject([
        { seq: s3, id: `${p}never`, body: null },
      ]);
      expect(await store.getRecord('enterprise', `${p}never`)).toBeUndefined();
    });

    test('within one write, the last op of a record wins', async () => {
      const p = prefix();
      const seqs = await store.write([
        { kind: 'investor', id: `${p}a`, body: { v: 1 } },
        { kind: 'investor', id: `${p}a`, body: null },
        { kind: 'investor', id: `${p}b`, body: null },
        { kind: 'investor', id: `${p}b`, body: { v: 2 } },
        { kind: 'investor', id: `${p}c`, body: { v: 3 } },
        { kind: 'investor', id: `${p}c`, body: { v: 4 } },
      ]);
      expect(await store.getRecord('investor', `${p}a`)).toBeUndefined();
      expect(await store.getRecord('investor', `${p}b`)).toMatchObject({
        seq: seqs[3],
        body: { v: 2 },
      });
      expect(await store.getRecord('investor', `${p}c`)).toMatchObject({
        seq: seqs[5],
        body: { v: 4 },
      });
      // As of the middle of the write: the first op of each record only.
      const mid = (await collect(store.recordsAsOf(seqs[0]!, { kinds: ['investor'] }))).filter(
        (c) => c.id.startsWith(p),
      );
      expect(mid.map((c) => c.id)).toEqual([`${p}a`]);
    });

    test('writes of several chunks (above the statement batch size) keep order and seqs', async () => {
      const p = prefix();
      const n = 4500;
      const ops: WriteOp[] = Array.from({ length: n }, (_, i) => ({
        kind: 'enterprise',
        id: `${p}${String(i % 4000).padStart(5, '0')}`,
        body: { i },
      }));
      const head0 = await store.headSeq();
      const seqs = await store.write(ops);
      expect(seqs[0]).toBe(head0 + 1);
      expect(seqs[n - 1]).toBe(head0 + n);
      const current = (await collect(store.currentRecords({ kinds: ['enterprise'] }))).filter((c) =>
        c.id.startsWith(p),
      );
      expect(current).toHaveLength(4000);
      expect(current[0]).toMatchObject({ id: `${p}00000`, seq: head0 + 4001, body: { i: 4000 } });
      expect(current[499]).toMatchObject({ id: `${p}00499`, seq: head0 + 4500, body: { i: 4499 } });
      expect(current[500]).toMatchObject({ id: `${p}00500`, seq: head0 + 501, body: { i: 500 } });
    });

    test('recordsAsOf and currentRecords equal a model of random op sequences', async () => {
      const idArb = fc.constantFrom('a', 'B', 'b', 'é', '企业', '😀', '\uff21', 'a b', 'z');
      const kindArb = fc.constantFrom<StoredKind>('chain', 'zone', 'interaction');
      const bodyArb = fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record({
            n: fc.integer(),
            s: fc.string({ unit: 'grapheme', maxLength: 8 }),
          }),
        },
        { weight: 1, arbitrary: fc.constant(null) },
      );
      const opArb = fc.record({ kind: kindArb, id: idArb, body: bodyArb });
      const batchesArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), {
        minLength: 1,
        maxLength: 5,
      });
      await fc.assert(
        fc.asyncProperty(batchesArb, fc.constantFrom(1, 2, 3, 1000), async (batches, pageSize) => {
          const p = prefix();
          const logged: (WriteOp & { seq: number })[] = [];
          const ends: number[] = [];
          const head0 = await store.headSeq();
          for (const batch of batches) {
            const ops = batch.map((op) => ({ ...op, id: p + op.id }));
            const seqs = await store.write(ops);
            ops.forEach((op, i) => logged.push({ ...op, seq: seqs[i]! }));
            ends.push(seqs[seqs.length - 1]!);
          }
          const mine = (id: string) => id.startsWith(p);
          const kinds: StoredKind[] = ['zone', 'chain', 'interaction'];
          for (const seq of new Set([
            head0,
            logged[0]!.seq,
            ...ends,
            Math.floor((head0 + ends.at(-1)!) / 2),
          ])) {
            const pages = await collectPages(store.recordsAsOf(seq, { kinds, pageSize }));
            for (const page of pages.slice(0, -1)) expect(page).toHaveLength(pageSize);
            const got = pages.flat().filter((c) => mine(c.id));
            expect(got.map(({ kind, id, seq: s, body }) => ({ kind, id, seq: s, body }))).toEqual(
              model(logged, seq, mine),
            );
          }
          const current = (await collect(store.currentRecords({ kinds, pageSize }))).filter((c) =>
            mine(c.id),
          );
          const expected = model(logged, Infinity, mine);
          expect(strip(current)).toEqual(expected);
          for (const r of expected) {
            expect(await store.getRecord(r.kind, r.id)).toMatchObject({ seq: r.seq, body: r.body });
          }
          const log = (await store.changesSince(logged[0]!.seq - 1, 1000)).filter((c) =>
            mine(c.id),
          );
          expect(strip(log)).toEqual(
            logged.map(({ kind, id, seq, body }) => ({ kind, id, seq, body })),
          );
        }),
        { numRuns: 30 },
      );
    }, 120_000);

    test('pages hold exactly pageSize rows but the last, in kind then byte order of ids', async () => {
      const p = prefix();
      const ids = ['b', 'a', '😀', '\uff21', 'ab', 'A'].map((s) => p + s);
      await store.write([
        ...ids.map((id) => ({ kind: 'project' as const, id, body: { id } })),
        ...ids.slice(0, 3).map((id) => ({ kind: 'institution' as const, id, body: { id } })),
      ]);
      const head = await store.headSeq();
      const expected = [
        ...ids.slice(0, 3).map((id) => ({ kind: 'institution', id })),
        ...ids.map((id) => ({ kind: 'project', id })),
      ].sort((a, b) => storeOrder(a as never, b as never));
      for (const pageSize of [1, 2, 3, 9, 10, 1000]) {
        for (const pages of [
          await collectPages(store.currentRecords({ kinds: ['project', 'institution'], pageSize })),
          await collectPages(
            store.recordsAsOf(head, { kinds: ['project', 'institution', 'project'], pageSize }),
          ),
        ]) {
          expect(pages.length).toBeGreaterThan(0);
          for (const page of pages.slice(0, -1)) expect(page).toHaveLength(pageSize);
          expect(pages.at(-1)!.length).toBeGreaterThan(0);
          expect(pages.at(-1)!.length).toBeLessThanOrEqual(pageSize);
          const all = pages.flat();
          for (let i = 1; i < all.length; i++)
            expect(storeOrder(all[i - 1]!, all[i]!)).toBeLessThan(0);
          expect(
            all.filter((c) => c.id.startsWith(p)).map((c) => ({ kind: c.kind, id: c.id })),
          ).toEqual(expected);
        }
      }
      // '😀' (U+1F600) sorts after '\uff21' by code point, though before it in UTF-16 units.
      const projects = (await collect(store.currentRecords({ kinds: ['project'] }))).filter((c) =>
        c.id.startsWith(p),
      );
      expect(projects.map((c) => c.id.slice(p.length))).toEqual([
        'A',
        'a',
        'ab',
        'b',
        '\uff21',
        '😀',
      ]);
    });

    test('concurrent writes get distinct, gap-free seqs; a follower sees each change once', async () => {
      const p = prefix();
      const head0 = await store.headSeq();
      const seen: number[] = [];
      let done = false;
      const follower = (async () => {
        let last = head0;
        for (;;) {
          const finished = done;
          const got = await store.changesSince(last, 3);
          for (const c of got) {
            seen.push(c.seq);
            last = c.seq;
          }
          if (finished && got.length === 0) return;
        }
      })();
      const writes = Array.from({ length: 20 }, (_, w) =>
        store.write(
          Array.from({ length: 1 + (w % 4) }, (_, i) => ({
            kind: 'zone' as const,
            id: `${p}${w}-${i}`,
            body: { w, i },
          })),
        ),
      );
      const results = await Promise.all(writes);
      done = true;
      await follower;
      for (const seqs of results) {
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
      }
      const all = results.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => head0 + 1 + i));
      expect(seen).toEqual(all);
      const log = await store.changesSince(head0, 1000);
      for (const [w, seqs] of results.entries()) {
        seqs.forEach((seq, i) =>
          expect(log.find((c) => c.seq === seq)).toMatchObject({ id: `${p}${w}-${i}` }),
        );
      }
    });

    test('onChange is called after a write, until unsubscribed', async () => {
      const p = prefix();
      let a = 0;
      let b = 0;
      const offA = store.onChange(() => (a += 1));
      const offB = store.onChange(() => (b += 1));
      const throwing = store.onChange(() => {
        throw new Error('a listener failing does not fail the write');
      });
      await store.write([{ kind: 'chain', id: `${p}1`, body: {} }]);
      await eventually(() => a > 0 && b > 0);
      offA();
      throwing();
      const [aBefore, bBefore] = [a, b];
      await store.write([{ kind: 'chain', id: `${p}2`, body: {} }]);
      await eventually(() => b > bBefore);
      expect(a).toBe(aBefore);
      offB();
    });

    test('API keys: hash lookup, list by institution, revoke', async () => {
      const p = prefix();
      const key = (
        id: string,
        role: ApiKeyRow['role'],
        institutionId: string | null,
        createdAt: string,
      ): ApiKeyRow => ({
        id: p + id,
        hash: `${p}hash-${id}`,
        role,
        institutionId,
        label: `标签 ${id} 🔑`,
        createdAt,
        revokedAt: null,
      });
      const inst = `${p}inst`;
      const rows = [
        key('k3', 'institution', inst, '2024-05-02T00:00:00.000Z'),
        key('k1', 'platform', null, '2024-05-01T00:00:00.000Z'),
        key('k2', 'institution', inst, '2024-05-01T08:00:00.123Z'),
        key('k0', 'institution', inst, '2024-05-01T08:00:00.123Z'),
        key('k4', 'analyst', null, '2024-05-03T00:00:00.000Z'),
        key('k5', 'institution', `${p}other`, '2024-05-01T00:00:00.000Z'),
      ];
      for (const row of rows) await store.insertKey(row);
      expect(await store.findKeyByHash(`${p}hash-k2`)).toEqual(rows[2]);
      expect(await store.findKeyByHash(`${p}hash-none`)).toBeUndefined();
      expect((await store.listKeys({ institutionId: inst })).map((k) => k.id)).toEqual(
        ['k0', 'k2', 'k3'].map((k) => p + k),
      );
      const all = (await store.listKeys()).filter((k) => k.id.startsWith(p));
      expect(all.map((k) => k.id)).toEqual(['k1', 'k5', 'k0', 'k2', 'k3', 'k4'].map((k) => p + k));

      expect(await store.revokeKey(`${p}k2`)).toBe(true);
      const revoked = await store.findKeyByHash(`${p}hash-k2`);
      expect(revoked?.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(await store.revokeKey(`${p}k2`)).toBe(true);
      expect((await store.findKeyByHash(`${p}hash-k2`))?.revokedAt).toBe(revoked?.revokedAt);
      expect(await store.revokeKey(`${p}nope`)).toBe(false);

      // Offsets are normalised to UTC.
      await store.insertKey({ ...key('k6', 'analyst', null, '2024-05-01T08:00:00+08:00') });
      expect((await store.findKeyByHash(`${p}hash-k6`))?.createdAt).toBe(
        '2024-05-01T00:00:00.000Z',
      );

      await expect(store.insertKey({ ...rows[0]!, hash: `${p}fresh` })).rejects.toThrow(
        StoreConflictError,
      );
      await expect(store.insertKey({ ...rows[0]!, id: `${p}fresh` })).rejects.toMatchObject({
        code: 'DUPLICATE_ID',
      });
      await expect(
        store.insertKey(key('k7', 'institution', null, '2024-05-01T00:00:00Z')),
      ).rejects.toThrow(OptionError);
      await expect(
        store.insertKey(key('k8', 'analyst', inst, '2024-05-01T00:00:00Z')),
      ).rejects.toThrow(OptionError);
    });

    test('rankings round-trip exactly', async () => {
      const p = prefix();
      const row: RankingRow = {
        id: `${p}rnk`,
        createdAt: '2024-06-01T12:34:56.789Z',
        keyId: `${p}key`,
        institutionId: null,
        operation: 'rankProducts',
        request: { enterpriseId: '企业-1', k: 10, z: [3, 1, 2], a: { y: 1, b: 2 } },
        result: [{ productId: 'p😀', score: 0.123456789012, reasons: ['额度匹配'] }],
        recordSeq: 42,
        modelSeq: 7,
        modelVersion: 'm7',
        profileHash: 'sha256:abc',
        asOf: '2024-06-01',
      };
      await store.insertRanking(row);
      const got = await store.getRanking(row.id);
      expect(got).toEqual(row);
      expect(JSON.stringify(got)).toBe(JSON.stringify(row));
      await store.insertRanking({ ...row, id: `${p}rnk2`, institutionId: `${p}inst` });
      expect((await store.getRanking(`${p}rnk2`))?.institutionId).toBe(`${p}inst`);
      expect(await store.getRanking(`${p}none`)).toBeUndefined();
      await expect(store.insertRanking(row)).rejects.toThrow(StoreConflictError);
    });

    test('snapshots: body kept exactly, listed without it by creation', async () => {
      const p = prefix();
      const body = `{"format":2}\n${'企业 🚀 "q" \\ \t'.repeat(50_000)}\n`;
      const row = (id: string, createdAt: string) => ({
        id: p + id,
        createdAt,
        recordSeq: 5,
        contentHash: `sha256:${id}`,
        bytes: Buffer.byteLength(body),
      });
      await store.insertSnapshot(row('s2', '2024-01-02T00:00:00.000Z'), body);
      await store.insertSnapshot(row('s1', '2024-01-03T00:00:00.000Z'), 'small');
      await store.insertSnapshot(row('s0', '2024-01-02T00:00:00.000Z'), '');
      const got = await store.getSnapshot(`${p}s2`);
      expect(got?.row).toEqual(row('s2', '2024-01-02T00:00:00.000Z'));
      expect(got?.body === body).toBe(true);
      expect((await store.getSnapshot(`${p}s0`))?.body).toBe('');
      expect(await store.getSnapshot(`${p}none`)).toBeUndefined();
      const listed = (await store.listSnapshots()).filter((s) => s.id.startsWith(p));
      expect(listed.map((s) => s.id)).toEqual(['s0', 's2', 's1'].map((s) => p + s));
      expect(listed[1]).toEqual(row('s2', '2024-01-02T00:00:00.000Z'));
      await expect(
        store.insertSnapshot(row('s1', '2024-01-03T00:00:00.000Z'), 'again'),
      ).rejects.toThrow(StoreConflictError);
    });

    test('unicode text, control characters and key order round-trip exactly', async () => {
      const p = prefix();
      const ids = [`${p}企业-😀`, `${p}e\u0301`, `${p}𠀋`];
      const ops = ids.map((id) => ({
        kind: 'enterprise' as const,
        id,
        body: { ...UNICODE_BODY, id },
      }));
      const seqs = await store.write(ops);
      const same = (c: Change | undefined, i: number) => {
        expect(c?.id).toBe(ids[i]);
        expect(JSON.stringify(c?.body)).toBe(JSON.stringify(ops[i]!.body));
      };
      for (const [i, id] of ids.entries()) same(await store.getRecord('enterprise', id), i);
      const log = await store.changesSince(seqs[0]! - 1, 3);
      log.forEach((c, i) => same(c, i));
      const byId = (list: Change[]) => new Map(list.map((c) => [c.id, c]));
      const current = byId(await collect(store.currentRecords({ kinds: ['enterprise'] })));
      const asOf = byId(await collect(store.recordsAsOf(seqs[2]!, { kinds: ['enterprise'] })));
      ids.forEach((id, i) => {
        same(current.get(id), i);
        same(asOf.get(id), i);
      });
    });

    test('listRecords: by id with offset and limit, optionally one institution', async () => {
      const p = prefix();
      const instA = `${p}A`;
      const instB = `${p}B`;
      const products = [
        ...['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id: p + id, institutionId: instA })),
        ...['q1', 'q2'].map((id) => ({ id: p + id, institutionId: instB })),
      ];
      await store.write(products.map((body) => ({ kind: 'product' as const, id: body.id, body })));
      const page = await store.listRecords('product', {
        offset: 0,
        limit: 2,
        institutionId: instA,
      });
      expect(page.total).toBe(5);
      expect(page.records.map((r) => r.id)).toEqual([`${p}p1`, `${p}p2`]);
      expect(page.records[0]?.body).toEqual({ id: `${p}p1`, institutionId: instA });
      expect(
        (
          await store.listRecords('product', { offset: 4, limit: 2, institutionId: instA })
        ).records.map((r) => r.id),
      ).toEqual([`${p}p5`]);
      expect(
        await store.listRecords('product', { offset: 9, limit: 2, institutionId: instA }),
      ).toEqual({ total: 5, records: [] });
      expect(
        await store.listRecords('product', { offset: 0, limit: 0, institutionId: instA }),
      ).toEqual({ total: 5, records: [] });
      expect(
        (await store.listRecords('enterprise', { offset: 0, limit: 10, institutionId: instA }))
          .total,
      ).toBe(0);

      // Moving a product to another institution, deleting one.
      await store.write([
        { kind: 'product', id: `${p}p1`, body: { id: `${p}p1`, institutionId: instB } },
        { kind: 'product', id: `${p}p2`, body: null },
        { kind: 'product', id: `${p}p3`, body: { id: `${p}p3`, institutionId: 42 } },
      ]);
      expect(
        (
          await store.listRecords('product', { offset: 0, limit: 10, institutionId: instA })
        ).records.map((r) => r.id),
      ).toEqual([`${p}p4`, `${p}p5`]);
      expect(
        (
          await store.listRecords('product', { offset: 0, limit: 10, institutionId: instB })
        ).records.map((r) => r.id),
      ).toEqual([`${p}p1`, `${p}q1`, `${p}q2`]);

      // Unfiltered: every current record of the kind, by id.
      const all = await store.listRecords('product', { offset: 0, limit: 100_000 });
      expect(all.total).toBe(all.records.length);
      const ids = all.records.map((r) => r.id);
      expect([...ids].sort(compareIds)).toEqual(ids);
      expect(ids.filter((id) => id.startsWith(p))).toEqual(
        ['p1', 'p3', 'p4', 'p5', 'q1', 'q2'].map((s) => p + s),
      );
      const second = await store.listRecords('product', { offset: 1, limit: 2 });
      expect(second.records.map((r) => r.id)).toEqual(ids.slice(1, 3));
    });

    test('counts are per kind, without deleted records', async () => {
      const p = prefix();
      const before = await store.counts();
      expect(Object.keys(before)).toEqual([...STORED_KINDS]);
      await store.write([
        { kind: 'institution', id: `${p}1`, body: {} },
        { kind: 'institution', id: `${p}2`, body: {} },
        { kind: 'investor', id: `${p}1`, body: {} },
        { kind: 'investor', id: `${p}1`, body: null },
        { kind: 'investor', id: `${p}1`, body: { again: true } },
        { kind: 'zone', id: `${p}gone`, body: null },
      ]);
      const after = await store.counts();
      expect(after).toEqual({
        ...before,
        institution: before.institution + 2,
        investor: before.investor + 1,
      });
    });

    test('invalid arguments are OptionErrors and write nothing', async () => {
      const head = await store.headSeq();
      const bad: unknown[] = [
        [{ kind: 'company', id: 'x', body: {} }],
        [{ kind: 'enterprise', id: '', body: {} }],
        [{ kind: 'enterprise', id: 'a\ud800', body: {} }],
        [{ kind: 'enterprise', id: 'nul\0', body: {} }],
        [{ kind: 'enterprise', id: 'x', body: undefined }],
        [{ kind: 'enterprise', id: 'x', body: () => 1 }],
        [{ kind: 'enterprise', id: 'ok', body: {} }, null],
        'not an array',
        Object.assign(new Array(2), { 1: { kind: 'enterprise', id: 'hole', body: {} } }),
      ];
      for (const ops of bad) {
        await expect(store.write(ops as WriteOp[])).rejects.toThrow(OptionError);
      }
      expect(await store.headSeq()).toBe(head);
      await expect(store.changesSince(-1, 10)).rejects.toThrow(OptionError);
      await expect(store.changesSince(0, 0)).rejects.toThrow(OptionError);
      await expect(store.changesSince(1.5, 10)).rejects.toThrow(OptionError);
      expect(() => store.currentRecords({ pageSize: 0 })).toThrow(OptionError);
      expect(() => store.recordsAsOf(-1)).toThrow(OptionError);
      expect(() => store.currentRecords({ kinds: ['nope' as StoredKind] })).toThrow(OptionError);
      await expect(store.getRecord('nope' as StoredKind, 'x')).rejects.toThrow(OptionError);
      await expect(store.listRecords('product', { offset: -1, limit: 1 })).rejects.toThrow(
        OptionError,
      );
      await expect(store.listRecords('product', { offset: 0, limit: 1.5 })).rejects.toThrow(
        OptionError,
      );
    });

    test('a closed store rejects calls', async () => {
      // Uses its own store (opened and closed here), not the shared one.
      const other = await open();
      await other.migrate();
      const p = prefix();
      const pending = other.write([{ kind: 'chain', id: `${p}late`, body: { late: true } }]);
      const closing = other.close();
      const [seq] = await pending; // close() waited for it
      await closing;
      expect(seq).toBeGreaterThan(0);
      await expect(other.headSeq()).rejects.toThrow(StoreUnavailableError);
      await expect(other.write([{ kind: 'chain', id: `${p}x`, body: {} }])).rejects.toThrow(
        StoreUnavailableError,
      );
      await expect(collect(other.currentRecords())).rejects.toThrow(StoreUnavailableError);
      await other.close(); // twice is fine
    }, 120_000);
  });
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileError } from '../../../src/errors.js';
import { LOCK_FILE, openPgliteStore } from '../../../src/serve/store/pglite.js';
import { collect, describeStoreContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'finmatch-store-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeStoreContract('PGlite on disk', () => {
  n += 1;
  return openPgliteStore({ dataDir: join(root, `db${n}`) });
});

describe('PGlite on disk: persistence and locking', () => {
  test('close then reopen loses nothing; a directory is locked while open', async () => {
    const dir = join(root, 'reopen', 'nested');
    const first = await openPgliteStore({ dataDir: dir });
    await first.migrate();
    await expect(openPgliteStore({ dataDir: dir })).rejects.toThrow(/already open in this process/);
    const seqs = await first.write([
      { kind: 'enterprise', id: '企业-1', body: { name: '深圳 🚀', z: 1, a: 2 } },
      { kind: 'product', id: 'p1', body: { institutionId: 'bank' } },
      { kind: 'product', id: 'p1', body: { institutionId: 'bank', v: 2 } },
      { kind: 'enterprise', id: 'gone', body: {} },
      { kind: 'enterprise', id: 'gone', body: null },
    ]);
    await first.insertKey({
      id: 'key_1',
      hash: 'h1',
      role: 'platform',
      institutionId: null,
      label: 'ops',
      createdAt: '2024-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    // A write still running when close() is called completes before the database closes.
    const late = first.write([{ kind: 'zone', id: 'late', body: { late: true } }]);
    await first.close();
    expect(await late).toEqual([seqs[4]! + 1]);

    const second = await openPgliteStore({ dataDir: dir });
    try {
      await second.migrate();
      expect(await second.headSeq()).toBe(seqs[4]! + 1);
      const current = await collect(second.currentRecords());
      expect(current.map((c) => [c.kind, c.id, JSON.stringify(c.body)])).toEqual([
        ['zone', 'late', '{"late":true}'],
        ['product', 'p1', '{"institutionId":"bank","v":2}'],
        ['enterprise', '企业-1', '{"name":"深圳 🚀","z":1,"a":2}'],
      ]);
      expect((await second.changesSince(0, 100)).map((c) => c.seq)).toEqual([
        ...seqs,
        seqs[4]! + 1,
      ]);
      expect(await second.findKeyByHash('h1')).toMatchObject({ id: 'key_1' });
      const asOf = await collect(second.recordsAsOf(seqs[3]!));
      expect(asOf.map((c) => c.id)).toEqual(['p1', 'gone', '企业-1']);
    } finally {
      await second.close();
    }
  }, 120_000);

  test('a lock left by a dead process is taken over; one held by a live process is refused', async () => {
    const dir = join(root, 'locked');
    const store = await openPgliteStore({ dataDir: dir });
    await store.close();
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    const refused = openPgliteStore({ dataDir: dir });
    await expect(refused).rejects.toThrow(FileError);
    await expect(refused).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    writeFileSync(join(dir, LOCK_FILE), '2147483646\n');
    const again = await openPgliteStore({ dataDir: dir });
    await again.close();
  }, 120_000);

  test('a file, or a directory holding something else, is refused before starting', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await expect(openPgliteStore({ dataDir: file })).rejects.toThrow(FileError);
    const other = join(root, 'other');
    rmSync(other, { recursive: true, force: true });
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(openPgliteStore({ dataDir: other })).rejects.toThrow(
      /not empty and holds no database/,
    );
  });
});

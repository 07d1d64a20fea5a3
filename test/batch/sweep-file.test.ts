/**
 * Sweeping a JSON Lines file the threads read range by range (src/batch/sweep-file.ts,
 * `sweepFileBatches`): the ranges hold for the version of the file split, so a file moved over,
 * written in place or truncated after the split fails the sweep with a FileError before any
 * result — never an output mixing two versions' records, or missing some, that looks complete.
 */
import { afterAll, describe, expect, test } from 'vitest';
import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError } from '../../src/errors.js';
import { closeSweepWorkers, sweepFileBatches } from '../../src/batch/sweep.js';
import { fileVersionOf, sameVersion, splitJsonlFile } from '../../src/batch/sweep-file.js';
import { statSync } from 'node:fs';
import { smallMarket } from '../compile/helpers.js';
import { smallSweepOptions } from './helpers.js';

const m = smallMarket();
const base = smallSweepOptions();
const enterprises = m.enterprises.slice(0, 200);
const text = enterprises.map((e) => JSON.stringify(e)).join('\n') + '\n';
const dir = mkdtempSync(join(tmpdir(), 'finmatch-sweep-file-'));
afterAll(async () => {
  await closeSweepWorkers();
  rmSync(dir, { recursive: true, force: true });
});

/** The enterprise ids a file sweep returns, in order. */
async function sweptIds(file: ReturnType<typeof split>, threads: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const b of sweepFileBatches(file, m.products, { ...base, threads }))
    for (let i = 0; i < b.size; i++) ids.push(b.result(i).enterpriseId);
  return ids;
}

function split(path: string) {
  return { path, ...splitJsonlFile(path, 4096) };
}

let n = 0;
/** A new file holding the enterprises' lines. */
function freshFile(): string {
  const path = join(dir, `enterprises-${n++}.jsonl`);
  writeFileSync(path, text);
  return path;
}

describe('sweepFileBatches: the file split is the file read', () => {
  test('the version split: device, inode, size and modification time', () => {
    const path = freshFile();
    const { ranges, version } = splitJsonlFile(path, 4096);
    expect(ranges.length).toBeGreaterThan(2);
    expect(sameVersion(version, fileVersionOf(statSync(path)))).toBe(true);
    expect(version.size).toBe(Buffer.byteLength(text));
  });

  test.each([1, 2])('an unchanged file sweeps every enterprise (%i threads)', async (threads) => {
    const path = freshFile();
    expect(await sweptIds(split(path), threads)).toEqual(enterprises.map((e) => e.id).sort());
  });

  const changes: [string, (path: string) => void][] = [
    [
      'another file moved over it',
      (path) => {
        const other = `${path}.new`;
        writeFileSync(other, text.replaceAll('"ent-', '"enx-'));
        renameSync(other, path);
      },
    ],
    ['lines appended', (path) => appendFileSync(path, `${JSON.stringify(enterprises[0])}\n`)],
    ['truncated at a line', (path) => truncateSync(path, text.indexOf('\n', 100) + 1)],
    [
      'written in place, same size, its modification time set back',
      (path) => {
        const { atime, mtime } = statSync(path);
        writeFileSync(path, text.replaceAll('"ent-', '"enx-'));
        // As `cp -p` or `rsync -t` leave it: only the status-change time tells.
        utimesSync(path, atime, mtime);
      },
    ],
    ['moved away', (path) => renameSync(path, `${path}.gone`)],
  ];
  for (const threads of [1, 2])
    test.each(changes)(
      `%s after the split: a FileError naming the file, no result (${threads} threads)`,
      async (_, change) => {
        const path = freshFile();
        const file = split(path);
        change(path);
        const results: unknown[] = [];
        const run = async () => {
          for await (const b of sweepFileBatches(file, m.products, { ...base, threads }))
            results.push(b);
        };
        const error = await run().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(FileError);
        const e = error as FileError;
        expect(e.operation).toBe('read');
        expect(e.path).toBe(path);
        expect(e.messages?.en).toMatch(/changed while it was read/);
        expect(e.messages?.zh).toMatch(/读取期间被改动/);
        expect(results).toEqual([]);
      },
    );
});

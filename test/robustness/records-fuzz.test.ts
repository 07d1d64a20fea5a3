/**
 * Fuzzing the record entry points and the file readers with arbitrary values (BigInt, null
 * prototypes, sparse arrays, random bytes): only finmatch's own typed errors may escape, and
 * parseBatch never loses a valid record placed beside arbitrary ones.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FinmatchError } from '../../src/errors.js';
import { loadRecords, parseRecordsText, validateParsedRecords } from '../../src/io/index.js';
import { RECORD_KINDS, type RecordKind } from '../../src/model/enums.js';
import { parseAll, parseBatch, parseRecord } from '../../src/model/parse.js';
import { FIXTURES } from '../model/fixtures.js';

const anything = fc.anything({
  withBigInt: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withUnicodeString: true,
  maxDepth: 3,
});

/** Runs `run`; passes when it returns or throws a FinmatchError. */
function onlyTyped(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof FinmatchError)) throw error;
  }
}

async function onlyTypedAsync(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof FinmatchError)) throw error;
  }
}

/** Arbitrary values mutating one field of a valid record, or replacing it whole. */
const mutated = (kind: RecordKind) =>
  fc.oneof(
    anything,
    fc
      .tuple(fc.constantFrom(...Object.keys(FIXTURES[kind]), 'extra'), anything)
      .map(([key, value]) => ({ ...structuredClone(FIXTURES[kind]), [key]: value })),
  );

describe.each(RECORD_KINDS)('%s', (kind) => {
  test('parseRecord, parseBatch and parseAll throw only typed errors', () => {
    fc.assert(
      fc.property(mutated(kind), (value) => {
        onlyTyped(() => parseRecord(kind, value));
        onlyTyped(() => parseAll(kind, [value]));
        onlyTyped(() => parseBatch(kind, value as unknown[]));
      }),
      { numRuns: 150 },
    );
  });

  test('parseBatch never loses a valid record beside arbitrary ones', () => {
    fc.assert(
      fc.property(fc.array(mutated(kind), { maxLength: 4 }), (others) => {
        const valid = { ...structuredClone(FIXTURES[kind]), id: 'FUZZ-VALID-ID' };
        const batch = [...others, valid, ...others];
        const { records, errors } = parseBatch(kind, batch);
        const ids = records.map((r) => (r as { id: string }).id);
        // Kept, or reported only as a duplicate of an arbitrary record that took the id first.
        const duplicate = errors.some(
          (e) => e.id === 'FUZZ-VALID-ID' && e.issues[0]?.code === 'duplicate_id',
        );
        expect(ids.includes('FUZZ-VALID-ID') || duplicate).toBe(true);
        expect(records.length + errors.length).toBe(batch.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('io readers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const formats = ['jsonl', 'json', 'csv'] as const;

  test('parseRecordsText and validateParsedRecords on arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
        fc.constantFrom(...formats),
        fc.constantFrom(...RECORD_KINDS),
        (input, format, kind) => {
          onlyTyped(() => validateParsedRecords(kind, parseRecordsText(input, format)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('parseRecordsText, loadRecords and validateParsedRecords on arbitrary arguments', async () => {
    await fc.assert(
      fc.asyncProperty(anything, anything, anything, async (a, b, c) => {
        onlyTyped(() => parseRecordsText(a as string, b as 'jsonl', c as object));
        onlyTyped(() => validateParsedRecords(a as RecordKind, b as never, c as object));
        await onlyTypedAsync(() => loadRecords(a as RecordKind, b as string, c as object));
      }),
      { numRuns: 100 },
    );
  });

  test('loadRecords on temp files of random bytes, and of valid records with a bad line', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...formats),
        async (bytes, format) => {
          const path = join(dir, `f${n++}.${format}`);
          const good = JSON.stringify({ ...FIXTURES.institution, id: 'KEEP' });
          await writeFile(path, bytes);
          await onlyTypedAsync(() => loadRecords('institution', path));
          if (format !== 'jsonl') return;
          await writeFile(path, Buffer.concat([Buffer.from(`${good}\n`), Buffer.from(bytes)]));
          try {
            const result = await loadRecords('institution', path);
            expect(result.records.map((r) => r.id)).toContain('KEEP');
          } catch (error) {
            if (!(error instanceof FinmatchError)) throw error;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

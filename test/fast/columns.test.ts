import { describe, expect, test } from 'vitest';
import { SubjectColumns } from '../../src/fast/columns.js';

describe('SubjectColumns code columns', () => {
  test('start as Uint8 and widen to Uint16 then Uint32 as a dictionary grows, keeping codes', () => {
    const plan = {
      env: { asOf: '2026-06-30', locale: 'zh', reference: {} },
      keys: [(s: { id: string }) => s.id, (s: { id: string }) => String(Number(s.id) % 3)],
      columns: [],
      vectors: [],
    };
    const subjects = Array.from({ length: 70000 }, (_, i) => ({ id: String(i) }));
    const columns = new SubjectColumns(plan as never, subjects.slice(0, 200));
    expect(columns.codes[0]).toBeInstanceOf(Uint8Array);
    for (const s of subjects.slice(200, 1000)) columns.upsert(s);
    expect(columns.codes[0]).toBeInstanceOf(Uint16Array);
    for (const s of subjects.slice(1000)) columns.upsert(s);
    expect(columns.codes[0]).toBeInstanceOf(Uint32Array);
    expect(columns.codes[1]).toBeInstanceOf(Uint8Array);
    for (let r = 0; r < subjects.length; r += 997) {
      expect(columns.codes[0]![r]).toBe(r);
      expect(columns.dicts[1]!.keys[columns.codes[1]![r]!]).toBe(String(r % 3));
    }
    const { offsets, rows } = columns.postings(0);
    expect(rows[offsets[65537]!]).toBe(65537);
    for (let r = 0; r < 60000; r++) columns.remove(String(r));
    columns.compact();
    expect(columns.size).toBe(10000);
    expect(columns.codes[0]).toBeInstanceOf(Uint32Array);
    expect(columns.codes[0]![0]).toBe(60000);
    expect(columns.ids[0]).toBe('60000');
  });
});

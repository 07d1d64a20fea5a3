import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validEnterprise } from '../io/fixtures.js';
import { run } from './helpers.js';

/** Valid records with mutations on some lines; line numbers are 1-based positions. */
function mutatedFile(): { text: string; bad: Map<number, string> } {
  const lines: string[] = [];
  const bad = new Map<number, string>();
  for (let i = 1; i <= 12; i++) {
    const r = validEnterprise(`E${i}`);
    if (i === 3) (r.need as Record<string, unknown>).amount = 'a lot'; // wrong type
    if (i === 5) r.sector = 'Z99'; // unknown sector
    if (i === 8) delete r.region; // missing field
    if (i === 9) r.foundedYear = 1700; // below the minimum
    lines.push(JSON.stringify(r));
  }
  lines[10] = '{"id": "E11", '; // truncated line
  bad.set(3, 'need.amount').set(5, 'sector').set(8, 'region').set(9, 'foundedYear').set(11, '');
  return { text: lines.join('\n') + '\n', bad };
}

describe('finmatch validate', () => {
  let dir: string;
  let file: string;
  const { text, bad } = mutatedFile();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-cli-'));
    file = join(dir, 'enterprises.jsonl');
    await writeFile(file, text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each bad line with its path, counts the good ones and exits 1', async () => {
    const { code, stdout } = await run([
      'validate',
      file,
      '--kind',
      'enterprise',
      '--locale',
      'en',
    ]);
    expect(code).toBe(1);
    const rows = stdout.split('\n').filter((l) => /^\s*\d+\s{2}/.test(l));
    expect(rows.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([...bad.keys()]);
    for (const [line, path] of bad) {
      const row = rows.find((l) => Number(l.trim().split(/\s+/)[0]) === line)!;
      if (path) expect(row).toContain(` ${path} `);
    }
    expect(stdout).toContain('12 enterprise records, 7 valid, 5 invalid.');
  });

  it('prints the exact JSON shape: one object per bad record, then the totals', async () => {
    const { code, stdout } = await run([
      'validate',
      file,
      '-k',
      'enterprise',
      '--format',
      'json',
      '--locale',
      'en',
    ]);
    expect(code).toBe(1);
    const objects = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.at(-1)).toEqual({ valid: 7, invalid: 5 });
    const records = objects.slice(0, -1);
    expect(records.map((o) => Object.keys(o))).toEqual(records.map(() => ['line', 'id', 'issues']));
    expect(records.map((o) => [o.line, o.id])).toEqual([
      [3, 'E3'],
      [5, 'E5'],
      [8, 'E8'],
      [9, 'E9'],
      [11, null],
    ]);
    for (const o of records) {
      for (const issue of o.issues as Record<string, unknown>[]) {
        // What was wrong and what was expected (and, for a typo, the field meant).
        expect(Object.keys(issue).slice(0, 3)).toEqual(['path', 'code', 'message']);
        expect(
          Object.keys(issue).every((k) =>
            ['path', 'code', 'message', 'received', 'expected', 'suggestion'].includes(k),
          ),
        ).toBe(true);
        expect(typeof issue.message).toBe('string');
      }
    }
    expect((records[0]!.issues as { path: string }[])[0]!.path).toBe('need.amount');
  });

  it('speaks Chinese by default and exits 0 on a clean file', async () => {
    const clean = join(dir, 'clean.json');
    await writeFile(clean, JSON.stringify([validEnterprise('A'), validEnterprise('B')], null, 2));
    const ok = await run(['validate', clean, '--kind', 'enterprise']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('共 2 条企业记录，有效 2 条，无效 0 条');
    const zh = await run(['validate', file, '--kind', 'enterprise']);
    expect(zh.stdout).toContain('行号');
    expect(zh.stdout).toContain('无效 5 条');
  });

  it('reads CSV by extension or by --input-format', async () => {
    const csv = join(dir, 'products.txt');
    await writeFile(csv, 'id,name\nP1,科技贷\n');
    const { code, stdout } = await run([
      'validate',
      csv,
      '--kind',
      'product',
      '--input-format',
      'csv',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    const first = JSON.parse(stdout.split('\n')[0]!) as { line: number; id: string };
    expect(first).toMatchObject({ line: 2, id: 'P1' });
  });

  it('exits 2 on usage errors, with one line and a pointer to help', async () => {
    const cases: string[][] = [
      ['validate', file],
      ['validate', '--kind', 'enterprise'],
      ['validate', file, '--kind', 'company'],
      ['validate', file, '--kind', 'enterprise', '--format', 'xml'],
      ['validate', file, '--kind', 'enterprise', '--bogus'],
      ['validate', file, 'other.jsonl', '--kind', 'enterprise'],
      ['validate', join(dir, 'missing.jsonl'), '--kind', 'enterprise'],
      ['validate', join(dir, 'records.xml'), '--kind', 'enterprise'],
    ];
    for (const argv of cases) {
      const { code, stdout, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toMatch(/^finmatch validate: /);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

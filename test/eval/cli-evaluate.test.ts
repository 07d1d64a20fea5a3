import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../src/cli/commands/evaluate.js';
import { run } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'finmatch-eval-'));
const runFile = join(dir, 'run.txt');
const qrelsFile = join(dir, 'qrels.txt');
writeFileSync(
  runFile,
  ['q1 Q0 d1 1 0.9 bm25', 'q1 Q0 d2 2 0.8 bm25', 'q2 Q0 d3 1 0.5 bm25', 'q2 Q0 d4 2 0.4 bm25'].join(
    '\n',
  ),
);
writeFileSync(qrelsFile, ['q1 0 d2 1', 'q2 0 d3 2', 'q2 0 d5 1'].join('\n'));

describe('finmatch evaluate', () => {
  it('prints {"metrics", "perQuery"} as JSON', async () => {
    const out = await run(
      [
        'evaluate',
        '--run',
        runFile,
        '--qrels',
        qrelsFile,
        '--metrics',
        'ndcg@10,map,mrr,recall@10,p@10',
        '--format',
        'json',
      ],
      [evaluateCommand],
    );
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      metrics: Record<string, number>;
      perQuery: Record<string, Record<string, number>>;
    };
    expect(Object.keys(json.metrics)).toEqual(['ndcg@10', 'map', 'mrr', 'recall@10', 'p@10']);
    expect(json.perQuery['q1']!['mrr']).toBe(0.5);
    expect(json.perQuery['q2']!['mrr']).toBe(1);
    expect(json.metrics['map']).toBeCloseTo((0.5 + 0.5) / 2, 15);
  });

  it('prints a table by default and can write an HTML report', async () => {
    const report = join(dir, 'report.html');
    const out = await run(
      [
        'evaluate',
        '--run',
        runFile,
        '--qrels',
        qrelsFile,
        '--per-query',
        '--locale',
        'en',
        '--report',
        report,
      ],
      [evaluateCommand],
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/ndcg@10\s+0\.\d{4}/);
    expect(out.stdout).toContain('2 queries evaluated');
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('run.txt');
  });

  it('reports bad lines on stderr with their line numbers, evaluates the rest and exits 1', async () => {
    const bad = join(dir, 'bad-run.txt');
    writeFileSync(bad, 'q1 Q0 d2 1 0.9 t\nq1 Q0 d1 2 high t\n');
    const args = ['evaluate', '--run', bad, '--qrels', qrelsFile, '--format', 'json'];
    const out = await run([...args, '--metrics', 'mrr', '--locale', 'en'], [evaluateCommand]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${bad}:2: line 2: field score is "high"`);
    expect(JSON.parse(out.stdout).metrics).toEqual({ mrr: 1 });
    // The default locale says the same in Chinese.
    const zh = await run([...args, '--metrics', 'mrr'], [evaluateCommand]);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(`${bad}:2: 第 2 行字段 score 的值无效，收到 "high"`);
    expect(zh.stdout).toBe(out.stdout);
  });

  it('turns unknown metrics into a usage error (exit 2)', async () => {
    const args = ['evaluate', '--run', runFile, '--qrels', qrelsFile, '--metrics', 'bpref'];
    const out = await run([...args, '--locale', 'en'], [evaluateCommand]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('unknown metric');
    const zh = await run(args, [evaluateCommand]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--metrics 中的指标 "bpref" 无效');
  });

  it('reads JSONL files by extension', async () => {
    const jr = join(dir, 'run.jsonl');
    const jq = join(dir, 'qrels.jsonl');
    writeFileSync(jr, '{"qid":"q1","docid":"d2","score":1}\n');
    writeFileSync(jq, '{"qid":"q1","docid":"d2","rel":1}\n');
    const out = await run(
      ['evaluate', '--run', jr, '--qrels', jq, '--format', 'json', '--metrics', 'p@1'],
      [evaluateCommand],
    );
    expect(JSON.parse(out.stdout).metrics).toEqual({ 'p@1': 1 });
  });
});

/**
 * The CLI speaks one language at a time: under `--locale zh` (the default) no English
 * sentence, under `--locale en` no Chinese — for every command's help, the usual mistakes
 * (unknown option, missing value, bad choice, missing file, bad JSON, bad evaluate input) and
 * real runs. Ids, paths, option names, codes, examples and quoted input are not sentences.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { COMMAND_SUMMARY_ZH, optionDescriptionZh } from '../../src/cli/help-zh.js';
import { detectLocale } from '../../src/cli/messages.js';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { capture } from './helpers.js';
import { writeSmallMarket, type WrittenMarket } from './matching-market.js';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;

/** Output with what is not prose removed: quoted text, example command lines, paths, ids, options, codes. */
function prose(text: string): string {
  return text
    .split('\n')
    .filter(
      (line) => !/^\s*(finmatch|cat) /.test(line) && !/(Usage|用法)[:：]\s*finmatch/.test(line),
    )
    .join('\n')
    .replace(/"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|`[^`\n]*`|“[^”\n]*”/g, ' ')
    .replace(/\{[^}\n]*\}/g, ' ')
    .replace(/\S*[/\\]\S*/g, ' ') // paths
    .replace(/--?[\w-]+(=\S*)?/g, ' ') // options
    .replace(/\b[\w.-]*\d[\w.@-]*\b/g, ' ') // ids, numbers, dates, metrics like ndcg@10
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ') // codes, placeholders
    .replace(/\b(?:map|mrr|ndcg|recall|hit|p)(?:@\d+)?\b/g, ' ') // metric names
    .replace(/\b\w+\.(jsonl|json|csv|html|txt|ndjson)\b/g, ' ');
}

/** Runs of three or more ASCII words: an English sentence (or a piece of one). */
function englishSentences(text: string): string[] {
  return prose(text).match(/\b[A-Za-z][a-z]+(?:[,;:]? +[A-Za-z][a-z]+){2,}\b/g) ?? [];
}

async function run(argv: string[], stdin?: string) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = { stdout, stderr, env: {} };
  if (stdin !== undefined) io.stdin = [Buffer.from(stdin)];
  const code = await runCli(argv, io);
  return { code, out: stdout.text() + stderr.text() };
}

describe('one language at a time', () => {
  let m: WrittenMarket;
  let marketText: string;
  beforeAll(async () => {
    m = await writeSmallMarket();
    marketText = (
      await Promise.all(
        ['enterprises', 'products', 'projects', 'investors', 'chains', 'zones'].map((f) =>
          readFile(m.file(`${f}.jsonl`), 'utf8'),
        ),
      )
    ).join('\n');
    await writeFile(m.file('bad.jsonl'), '{"id": "ent-x", \n{not json\n');
    await writeFile(m.file('bad.run'), 'q1 Q0 d1 1\nq1 Q0 d2 2 0.5 tag extra\n');
    await writeFile(m.file('bad.qrels'), 'q1 0 d1\n');
    await writeFile(m.file('good.run'), 'q1 Q0 d1 1 0.9 t\nq1 Q0 d2 2 0.5 t\nq2 Q0 d1 1 0.4 t\n');
    await writeFile(m.file('good.qrels'), 'q1 0 d2 1\nq2 0 d1 1\n');
  });
  afterAll(async () => {
    await m.cleanup();
  });

  /** Chinese in English output is allowed only where it is input data (names, texts of records). */
  const chineseOutsideData = (text: string) =>
    (prose(text).match(CJK) ?? []).filter((run) => !marketText.includes(run));

  const expectLocale = (locale: 'zh' | 'en', label: string, out: string) => {
    if (locale === 'zh') expect(englishSentences(out), `${label}\n${out}`).toEqual([]);
    else expect(chineseOutsideData(out), `${label}\n${out}`).toEqual([]);
    expect(out.trim().length, label).toBeGreaterThan(0);
  };

  it('has a Chinese summary and option description for every command and option', () => {
    for (const command of COMMANDS) {
      expect(COMMAND_SUMMARY_ZH[command.name], command.name).toBeDefined();
      for (const option of [...Object.keys(command.options), 'help', 'quiet'])
        expect(
          optionDescriptionZh(command.name, option),
          `${command.name} --${option}`,
        ).toBeDefined();
    }
  });

  it('finds the locale before parsing: --locale anywhere, then FINMATCH_LOCALE, then zh', () => {
    expect(detectLocale(['rank', '--bogus', '--locale', 'en'], {})).toEqual({
      locale: 'en',
      explicit: true,
    });
    expect(detectLocale(['rank', '--locale=en'], {}).locale).toBe('en');
    expect(detectLocale(['rank'], { FINMATCH_LOCALE: 'en' }).locale).toBe('en');
    expect(detectLocale(['rank', '--locale', 'zh'], { FINMATCH_LOCALE: 'en' }).locale).toBe('zh');
    expect(detectLocale(['rank'], { LANG: 'en_US.UTF-8' })).toEqual({
      locale: 'zh',
      explicit: false,
    });
  });

  for (const locale of ['zh', 'en'] as const) {
    it(`help, top level and every command, is in ${locale}`, async () => {
      const top = await run(['--help', '--locale', locale]);
      expectLocale(locale, '--help', top.out);
      for (const command of COMMANDS) {
        const help = await run([command.name, '--help', '--locale', locale]);
        expect(help.code).toBe(0);
        expectLocale(locale, `${command.name} --help`, help.out);
      }
    });

    it(`usage errors of every command are in ${locale}`, async () => {
      for (const command of COMMANDS) {
        const stringOption = Object.entries(command.options).find(
          ([, o]) => o.type === 'string',
        )?.[0];
        const choice = Object.entries(command.options).find(([, o]) => o.choices)?.[0];
        const cases = [
          [command.name, '--bogus', '--locale', locale],
          [command.name, '--locale', locale, ...(stringOption ? [`--${stringOption}`] : [])],
          ...(choice ? [[command.name, '--locale', locale, `--${choice}`, 'xml']] : []),
          [command.name, 'extra', 'args', '--locale', locale],
        ];
        for (const argv of cases) {
          const { code, out } = await run(argv);
          expect(code, argv.join(' ')).not.toBe(0);
          expectLocale(locale, argv.join(' '), out);
        }
      }
      const unknown = await run(['valdate', '--locale', locale]);
      expectLocale(locale, 'unknown command', unknown.out);
    });

    it(`file, parse and evaluate errors are in ${locale}`, async () => {
      const cases: string[][] = [
        ['validate', m.file('missing.jsonl'), '--kind', 'enterprise'],
        ['validate', m.dir, '--kind', 'enterprise'],
        ['validate', m.file('bad.jsonl'), '--kind', 'enterprise'],
        [
          'rank',
          '--products',
          m.file('missing.jsonl'),
          '--enterprises',
          m.file('few-enterprises.jsonl'),
        ],
        [
          'rank',
          '--products',
          m.file('products.jsonl'),
          '--enterprises',
          m.file('few-enterprises.jsonl'),
          '--k',
          '0',
        ],
        [
          'prospect',
          '--products',
          m.file('products.jsonl'),
          '--enterprises',
          m.file('few-enterprises.jsonl'),
          '--region',
          'x',
        ],
        ['evaluate', '--run', m.file('bad.run'), '--qrels', m.file('bad.qrels')],
        ['evaluate', '--run', m.file('missing.run'), '--qrels', m.file('bad.qrels')],
        [
          'evaluate',
          '--run',
          m.file('bad.run'),
          '--qrels',
          m.file('bad.qrels'),
          '--metrics',
          'ndgc@10',
        ],
        ['evaluate', '--run', m.file('bad.run'), '--qrels', m.file('bad.qrels'), '-l', 'x'],
      ];
      for (const argv of cases) {
        const { code, out } = await run([...argv, '--locale', locale]);
        expect(code, argv.join(' ')).not.toBe(0);
        expectLocale(locale, argv.join(' '), out);
      }
    });

    it(`real runs print in ${locale}`, async () => {
      const files = [
        '--products',
        m.file('products.jsonl'),
        '--enterprises',
        m.file('few-enterprises.jsonl'),
      ];
      const projectFiles = [
        '--projects',
        m.file('projects.jsonl'),
        '--investors',
        m.file('investors.jsonl'),
      ];
      const enterprise = m.market.enterprises[0]!.id;
      const cases: string[][] = [
        ['validate', m.file('products.jsonl'), '--kind', 'product'],
        ['rank', ...files, '--id', enterprise, '--k', '3'],
        ['prospect', ...files, '--id', m.market.products[0]!.id, '--k', '3'],
        ['match', ...projectFiles, '--id', m.market.projects[0]!.id, '--k', '3'],
        ['explain', ...files, '--enterprise', enterprise, '--product', m.market.products[0]!.id],
        ['generate', '--out', m.file(`generated-${locale}`)],
        ['evaluate', '--run', m.file('good.run'), '--qrels', m.file('good.qrels'), '--per-query'],
      ];
      for (const argv of cases) {
        const { code, out } = await run([...argv, '--locale', locale]);
        expect(code, `${argv.join(' ')}\n${out}`).toBe(0);
        expectLocale(locale, argv.join(' '), out);
      }
    });
  }
});

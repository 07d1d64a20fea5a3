import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { FileError, FinmatchError } from '../../src/errors.js';
import type { CliCommand } from '../../src/cli/types.js';
import { run } from './helpers.js';

const fail = (error: unknown): CliCommand => ({
  name: 'boom',
  summary: 'fails',
  usage: 'finmatch boom',
  options: { level: { type: 'string', choices: ['a', 'b'], default: 'a', description: 'a level' } },
  run: () => {
    throw error;
  },
});

describe('dispatcher', () => {
  it('lists every registered command in --help and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const c of COMMANDS) expect(stdout).toContain(`  ${c.name}  `.replace(/ {2}$/, ''));
  });

  it('prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints per-command help with options and defaults', async () => {
    for (const argv of [
      ['validate', '--help'],
      ['help', 'validate'],
      ['validate', '-h'],
    ]) {
      const { code, stdout } = await run([...argv, '--locale', 'en']);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: finmatch validate FILE');
      expect(stdout).toMatch(/-k, --kind KIND .*required/);
      expect(stdout).toContain('default table');
      // The default locale is Chinese, help included.
      const zh = await run(argv);
      expect(zh.stdout).toContain('用法：finmatch validate FILE');
      expect(zh.stdout).toMatch(/-k, --kind KIND .*必填/);
      expect(zh.stdout).toContain('默认 table');
    }
  });

  it('gives every registered command a name, summary, usage and help that renders', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      const { code, stdout } = await run([c.name, '--help', '--locale', 'en']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: ${c.usage}`);
    }
  });

  it('exits 2 on no command, an unknown command or help for an unknown command', async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(['valdate', '--locale', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean 'validate'?");
    expect((await run(['valdate'])).stderr).toContain("是否想用 'validate'？");
    expect((await run(['help', 'nope'])).code).toBe(2);
  });

  it('an option whose value is missing (the next argument is an option) says it has no value', async () => {
    const en = await run(['rank', '--k', '--locale', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--k was given no value: the argument after it starts with "-"');
    const zh = await run(['rank', '--k', '--enterprises', 'x.jsonl']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--k 没有得到取值：其后的参数以 - 开头');
  });

  it('a path option given an empty value, or "-" where the command writes, is a usage error', async () => {
    const written: string[] = [];
    const writer: CliCommand = {
      name: 'writer',
      summary: 'writes',
      usage: 'finmatch writer',
      options: {
        out: { type: 'string', valueName: 'FILE', writes: true, description: 'a file' },
        dir: { type: 'string', valueName: 'DIR', writes: true, description: 'a folder' },
        input: { type: 'string', valueName: 'FILE', description: 'a file read' },
      },
      run: (ctx) => {
        written.push(String(ctx.string('out') ?? ctx.string('input')));
        return 0;
      },
    };
    for (const [args, message] of [
      [['--out', ''], '--out needs a path, got an empty value'],
      [['--input='], '--input needs a path, got an empty value'],
      [
        ['--out', '-'],
        '--out -: "-" stands for standard input, not somewhere to write; give a path (to write to standard output: /dev/stdout)',
      ],
      [
        ['--dir', '-'],
        '--dir -: "-" stands for standard input, not somewhere to write; give a path\n',
      ],
    ] as const) {
      const r = await run(['writer', ...args, '--locale', 'en'], [writer]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const zh = await run(['writer', '--out', '-'], [writer]);
    expect(zh.stderr).toContain('"-" 表示标准输入，不能作为写入位置');
    expect(written).toEqual([]);
    // Every option naming a file a command writes is marked so: serve's key file too.
    const key = await run(['serve', '--bootstrap-key-file', '-', '--locale', 'en']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--bootstrap-key-file -: "-" stands for standard input');
    // "-" still means standard input for a file the command reads.
    expect((await run(['writer', '--input', '-'], [writer])).code).toBe(0);
    expect(written).toEqual(['-']);
  });

  it('a FileError finmatch wrote itself is shown in the locale asked, exit 3', async () => {
    const changed = new FileError('read', 'e.jsonl', {
      en: 'e.jsonl changed',
      zh: 'e.jsonl 已改动',
    });
    const en = await run(['boom', '--locale', 'en'], [fail(changed)]);
    expect(en).toEqual({
      code: 3,
      stdout: '',
      stderr: 'finmatch boom: IO_FAILED: e.jsonl changed\n',
    });
    expect((await run(['boom'], [fail(changed)])).stderr).toBe(
      'finmatch boom: IO_FAILED: e.jsonl 已改动\n',
    );
  });

  it('turns errors into one line: FinmatchError code + message, exit 1; option errors exit 2', async () => {
    const data = await run(
      ['boom', '--locale', 'en'],
      [fail(new FinmatchError('INVALID_SNAPSHOT', 'snapshot v9\nnot supported'))],
    );
    expect(data).toEqual({
      code: 1,
      stdout: '',
      stderr: 'finmatch boom: INVALID_SNAPSHOT: snapshot v9 not supported\n',
    });
    const option = await run(
      ['boom'],
      [fail(new FinmatchError('INVALID_OPTION', 'k must be positive'))],
    );
    expect(option.code).toBe(2);
    const internal = await run(['boom', '--locale', 'en'], [fail(new Error('oops'))]);
    expect(internal.code).toBe(4); // EXIT_INTERNAL: a bug, never caused by input
    expect(internal.stderr).toBe(
      'finmatch boom: internal error: oops\nSet FINMATCH_DEBUG=1 to see the stack trace.\n',
    );
  });

  it('checks choices and applies defaults before running the command', async () => {
    let seen: unknown;
    const probe: CliCommand = { ...fail(null), run: (ctx) => ((seen = ctx.values.level), 0) };
    expect((await run(['boom'], [probe])).code).toBe(0);
    expect(seen).toBe('a');
    const bad = await run(['boom', '--level', 'c', '--locale', 'en'], [probe]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid value "c" for --level; expected one of a, b');
    const zh = await run(['boom', '--level', 'c'], [probe]);
    expect(zh.stderr).toContain('--level 的取值 "c" 无效，应为 a、b 之一');
    const missingValue = await run(['boom', '--level'], [probe]);
    expect(missingValue.code).toBe(2);
  });
});

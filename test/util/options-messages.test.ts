import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import {
  arrayOption,
  booleanOption,
  enumOption,
  functionOption,
  integerOption,
  numberOption,
  readOptions,
  stringArrayOption,
  stringOption,
} from '../../src/util/options.js';
import { run } from '../cli/helpers.js';
import { writeSmallMarket, type WrittenMarket } from '../cli/matching-market.js';

const CJK = /[\u4e00-\u9fff]/;

/** The error `fn` throws, which must be an OptionError. */
function thrown(fn: () => unknown): OptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return error as OptionError;
  }
  throw new Error('expected an OptionError');
}

describe('option errors of the shared option readers carry both locales', () => {
  const cases: [string, () => unknown][] = [
    ['not an object', () => readOptions(5, ['k'])],
    ['class instance', () => readOptions(new Date(), ['k'])],
    ['unknown key with a suggestion', () => readOptions({ kk: 1 }, ['k', 'offset'])],
    ['integer out of range', () => integerOption(11, 'k', { min: 1, max: 10 })],
    ['number out of range', () => numberOption(-1, 'alpha', { min: 0 })],
    ['boolean', () => booleanOption('yes', 'flag', false)],
    ['enum with a guess', () => enumOption('tabel', 'format', ['table', 'json'])],
    ['function', () => functionOption(3, 'filter')],
    ['array', () => arrayOption('x', 'ids', (v) => v)],
    // eslint-disable-next-line no-sparse-arrays -- a hole is the case under test
    ['array hole', () => arrayOption([1, , 3], 'ids', (v) => v)],
    ['string element', () => stringArrayOption([1], 'ids')],
    ['empty string', () => stringOption('', 'runTag')],
    ['required', () => stringOption(undefined, 'runTag')],
  ];
  for (const [name, fn] of cases) {
    it(name, () => {
      const error = thrown(fn);
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.messages).toBeDefined();
      // `message` stays the English one, so callers that read it see no change.
      expect(error.message).toBe(error.messages!.en);
      expect(error.messages!.en).not.toMatch(CJK);
      expect(error.messages!.zh).toMatch(CJK);
      // Both name the option's path.
      expect(error.messages!.zh).toContain(error.option);
      expect(error.messages!.en).toContain(error.option);
    });
  }

  it('the suggestion survives in both locales', () => {
    const error = thrown(() => readOptions({ ofset: 1 }, ['k', 'offset']));
    expect(error.messages!.en).toContain('did you mean "offset"');
    expect(error.messages!.zh).toContain('是否想写 "offset"');
  });
});

describe('the CLI prints a library option error in the run locale', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });

  it('--offset above the maximum: zh by default, en with --locale en', async () => {
    const argv = (locale: string[]) => [
      'prospect',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--id',
      'prod-0001',
      '--offset',
      '99999999999',
      ...locale,
    ];
    const zh = await run(argv([]));
    const en = await run(argv(['--locale', 'en']));
    expect(zh.code).toBe(2);
    expect(en.code).toBe(2);
    expect(zh.stderr).toMatch(/INVALID_OPTION: offset 应为/);
    expect(en.stderr).toMatch(/INVALID_OPTION: offset must be an integer/);
    expect(en.stderr).not.toMatch(CJK);
  });
});

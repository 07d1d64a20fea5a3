/**
 * Every date option of every command (`type: 'date'`) is read by one check: a value that is
 * not a real `YYYY-MM-DD` date in the accepted years is refused, before any file is read, with
 * one message naming the option, in the run's locale.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { run } from './helpers.js';

/** Options that hold a date, by the names the commands give them. */
const dateOptions = COMMANDS.flatMap((command) =>
  Object.keys(command.options)
    .filter((name) => name === 'as-of' || name.endsWith('-date'))
    .map((option) => ({ command: command.name, option })),
);

describe('date options', () => {
  it('are found on the commands that take one', () => {
    const names = dateOptions.map((d) => `${d.command} --${d.option}`);
    for (const expected of [
      'generate --as-of',
      'serve --as-of',
      'tune --split-date',
      'rank --as-of',
    ])
      expect(names).toContain(expected);
  });

  describe.each(dateOptions)('$command --$option', ({ command, option }) => {
    it.each(['2026-02-31', '1799-12-31', '2026-6-30', '30/06/2026', ''])(
      'refuses %j with the one message',
      async (bad) => {
        const en = await run([command, `--${option}`, bad, '--locale', 'en']);
        expect(en.code).toBe(EXIT_USAGE);
        expect(en.stderr).toContain(
          `--${option} must be a real date YYYY-MM-DD in 1800–2200, got ${JSON.stringify(bad)}`,
        );
        const zh = await run([command, `--${option}`, bad, '--locale', 'zh']);
        expect(zh.code).toBe(EXIT_USAGE);
        expect(zh.stderr).toContain(
          `--${option} 须为1800–2200 年间 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(bad)}`,
        );
      },
    );
  });
});

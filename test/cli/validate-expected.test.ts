/** `finmatch validate` shows what was expected for each issue and the field a typo meant. */
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { capture } from './helpers.js';

async function validate(input: string, ...argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = { stdout, stderr, env: {}, stdin: [Buffer.from(input)] };
  const code = await runCli(['validate', '-', '--kind', 'zone', ...argv], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const zone = {
  id: 'Z1',
  name: '先进制造业集群专区',
  kind: 'advancedManufacturingCluster',
  sectors: [],
  regions: [],
  productIds: [],
  text: '',
};

describe('finmatch validate: expected values and suggestions', () => {
  it('JSON output carries code, received, expected and the suggestion', async () => {
    const { regions, ...rest } = zone;
    const { code, stdout } = await validate(
      `${JSON.stringify({ ...rest, regoins: regions })}\n`,
      '--format',
      'json',
      '--locale',
      'en',
    );
    expect(code).toBe(1);
    const [line] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({
      line: 1,
      id: 'Z1',
      issues: [
        {
          path: 'regoins',
          code: 'unknown_field',
          message: 'unknown field: regoins; did you mean regions?',
          expected: 'the field regions',
          suggestion: 'regions',
        },
      ],
    });
  });

  it('the table has an Expected column, in the run’s locale', async () => {
    const en = await validate(
      `${JSON.stringify({ ...zone, kind: 'cluster' })}\n`,
      '--locale',
      'en',
    );
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/Problem\s+Expected/);
    expect(en.stdout).toContain('advancedManufacturingCluster');
    const zh = await validate(`${JSON.stringify({ ...zone, kind: 'cluster' })}\n`);
    expect(zh.stdout).toMatch(/问题\s+应为/);
  });
});

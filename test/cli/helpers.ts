import { runCli } from '../../src/cli/run.js';
import type { CliCommand, CliWriter } from '../../src/cli/types.js';

/** A writer that records what was written. */
export function capture(isTTY = false): CliWriter & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
}

/** Runs the CLI in-process and returns its exit code and output. */
export async function run(
  argv: string[],
  commands?: readonly CliCommand[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, { stdout, stderr, env: {}, ...(commands ? { commands } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

// The command-line flags of the bench scripts, read strictly: a mistyped or unknown flag
// (`--run=3`, `--help` where there was none) stops the script with its usage and exit status 2
// instead of starting a long seed-scale run with the defaults; `--help` prints the usage.
import { parseArgs } from 'node:util';

/**
 * The values of `options` (node:util `parseArgs` options; `help` is added) in `argv`. Prints
 * `usage` and exits: with 0 on `--help`, with 2 on a flag not in `options`, a missing value or
 * a positional argument.
 */
export function benchArgs(usage, options, argv = process.argv.slice(2)) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError(error.message, usage);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/**
 * `values[name]` as a positive integer, `fallback` when absent; prints `usage` and exits with
 * 2 when it is not one.
 */
export function positiveInteger(values, name, fallback, usage) {
  const text = values[name];
  if (text === undefined) return fallback;
  if (!/^[1-9]\d{0,5}$/.test(text))
    usageError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`, usage);
  return Number(text);
}

/**
 * The comma-separated names of `values[name]` (undefined when absent); prints `usage` and
 * exits with 2 when one is not in `known`.
 */
export function namesOf(values, name, known, usage) {
  const text = values[name];
  if (text === undefined) return undefined;
  const names = text.split(',').filter((n) => n.length > 0);
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0)
    usageError(
      `--${name}: ${unknown.length ? `unknown ${unknown.map((n) => JSON.stringify(n)).join(', ')}` : 'no names'}; expected some of ${known.join(', ')}`,
      usage,
    );
  return names;
}

/** Prints `message` and `usage` on stderr and exits with 2 (a flag or its value is wrong). */
export function usageError(message, usage) {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

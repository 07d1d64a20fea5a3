/**
 * Exit codes of the `finmatch` command, distinct so scripts can branch on them. 0 only when
 * every input record was processed and every result written.
 *
 * @module
 */

/** Success: every input record was processed and every result written. */
export const EXIT_OK = 0;
/**
 * Invalid data: some input records were invalid (each reported on stderr, skipped; the results
 * of the valid ones were written), `validate` found a bad line, or the data could not be used.
 */
export const EXIT_INVALID_DATA = 1;
/**
 * Usage error: unknown command or option, a missing or malformed argument or option value, a
 * path that names nothing usable (missing, a directory, no permission).
 */
export const EXIT_USAGE = 2;
/**
 * A read or write failed on a usable path: disk full, an I/O error, a broken pipe. What was
 * written before the failure is incomplete (the message says how much).
 */
export const EXIT_IO = 3;
/** A bug in finmatch (please report it with `FINMATCH_DEBUG=1`); never caused by input. */
export const EXIT_INTERNAL = 4;
/** Interrupted by SIGINT (128 + 2); results written so far are incomplete. */
export const EXIT_INTERRUPTED = 130;
/** Terminated by SIGTERM (128 + 15); results written so far are incomplete. */
export const EXIT_TERMINATED = 143;
/** Hung up (SIGHUP, 128 + 1: the terminal or session closed); results so far are incomplete. */
export const EXIT_HANGUP = 129;

/** The signals a run stops on, cleaning up first, each with its exit code. */
export const STOP_SIGNALS = [
  ['SIGINT', EXIT_INTERRUPTED],
  ['SIGTERM', EXIT_TERMINATED],
  ['SIGHUP', EXIT_HANGUP],
] as const;

/** The exit code of a run stopped by `signal` (one of {@link STOP_SIGNALS}). */
export function signalExit(signal: NodeJS.Signals): number {
  return STOP_SIGNALS.find(([s]) => s === signal)?.[1] ?? EXIT_INTERRUPTED;
}
/** The reader of stdout went away (128 + SIGPIPE 13), as `… | head` does: output was cut. */
export const EXIT_BROKEN_PIPE = 141;

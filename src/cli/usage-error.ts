/**
 * The error a command throws for a bad invocation; the dispatcher prints it with a pointer to
 * the command's help and exits with {@link EXIT_USAGE}.
 *
 * @module
 */

/** A bad command line: unknown option, missing argument, malformed value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

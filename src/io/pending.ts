/**
 * The temporary files that atomic writes hold until they commit or discard them, so that a
 * signal ending the process first still removes them. Kept apart from `write.ts` so that the
 * CLI's entry can import it without the writers.
 *
 * @module
 */
import { rmSync } from 'node:fs';

/** Temporary files neither committed nor discarded yet. Internal. */
export const pendingTemporaries = new Set<string>();

/**
 * Removes, synchronously, every temporary file an atomic write still holds: for a signal
 * handler that exits the process before the writer could commit or discard. Internal (the
 * CLI's).
 */
export function removePendingTemporaries(): void {
  for (const file of pendingTemporaries) rmSync(file, { force: true });
  pendingTemporaries.clear();
}

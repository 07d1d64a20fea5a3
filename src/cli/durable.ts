/**
 * Durability of what the CLI writes: a result counts as written only once it is on disk.
 *
 * @module
 */
import { open, stat } from 'node:fs/promises';

/**
 * Flushes `path` to disk (fsync) when it is a regular file; pipes, FIFOs and devices have
 * nothing to flush. Throws the operating system's error (ENOSPC, EIO…) when the data did not
 * reach the disk.
 */
export async function syncRegularFile(path: string): Promise<void> {
  const info = await stat(path);
  if (!info.isFile()) return;
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

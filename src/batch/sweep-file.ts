/**
 * Splitting a JSON Lines file into byte ranges that start at lines, for sweeping threads that
 * read and parse one range at a time (`finmatch sweep`): the split reads only a few bytes
 * around each boundary.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Which version of a file was read: its device and inode (a file moved over it is another
 * one), size, modification time and status-change time (one written in place or truncated:
 * the change time moves with every write and cannot be set back, where a tool may restore
 * the modification time). The sweeping threads
 * each open the file for their ranges; a range read from another version than the one split
 * would mix two files' records in one output, so each read compares (see `sweep-core.ts`).
 */
export interface FileVersion {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** The {@link FileVersion} of an open file's status. */
export function fileVersionOf(stats: Stats): FileVersion {
  return {
    dev: stats.dev,
    ino: stats.ino,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
  };
}

/** Whether two versions are of the same file, unchanged. */
export function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

/** Bytes read at a time while looking for the end of a line. */
const SCAN_BYTES = 1 << 16;

/**
 * Byte ranges [start, end) of about `bytesPerRange` each that together cover the file at
 * `path`, each starting right after a line feed (or at 0): no line is split, so each range
 * parses alone. Lines that end in a lone CR stay inside a range. With the version of the file
 * split: the ranges hold for it alone.
 */
export function splitJsonlFile(
  path: string,
  bytesPerRange: number,
): { ranges: [number, number][]; version: FileVersion } {
  const fd = openSync(path, 'r');
  try {
    const version = fileVersionOf(fstatSync(fd));
    const size = version.size;
    const ranges: [number, number][] = [];
    const scan = Buffer.allocUnsafe(SCAN_BYTES);
    let start = 0;
    while (start < size) {
      let end = Math.min(size, start + Math.max(1, Math.floor(bytesPerRange)));
      // Move `end` just past the next line feed at or after it.
      while (end < size) {
        const n = readSync(fd, scan, 0, Math.min(SCAN_BYTES, size - end), end - 1);
        const at = scan.subarray(0, n).indexOf(0x0a);
        if (at >= 0) {
          end = end - 1 + at + 1;
          break;
        }
        end = Math.min(size, end - 1 + n + 1);
        if (n === 0) end = size;
      }
      ranges.push([start, end]);
      start = end;
    }
    return { ranges, version };
  } finally {
    closeSync(fd);
  }
}

/**
 * The mean bytes per line of the file's first `sample` bytes (at least 1): for choosing range
 * sizes of about so many records.
 */
export function meanLineBytes(path: string, sample = 1 << 20): number {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(sample);
    const n = readSync(fd, bytes, 0, sample, 0);
    let lines = 0;
    for (let i = 0; i < n; i++) if (bytes[i] === 0x0a) lines++;
    return Math.max(1, n / Math.max(1, lines));
  } finally {
    closeSync(fd);
  }
}

/**
 * The catalogue of finmatch's errors. Every error thrown by a public entry point is one of
 * these classes and carries a stable `code`, so callers can branch without parsing messages.
 *
 * @module
 */
import type { LocalizedText } from './i18n/locale.js';
import { describeValue } from './util/describe.js';

/** Stable error codes, one per kind of failure. */
export type ErrorCode =
  /** A record failed validation; see {@link ValidationError.issues}. */
  | 'VALIDATION_FAILED'
  /** Two records of one kind share an id. */
  | 'DUPLICATE_ID'
  /** A referenced id does not exist (a product id in `explain`, say). */
  | 'UNKNOWN_ID'
  /** An option passed to a function is invalid. */
  | 'INVALID_OPTION'
  /** A profile is inconsistent (duplicate part names, weights that are not finite…). */
  | 'INVALID_PROFILE'
  /** A snapshot or model file cannot be read (wrong version, corrupt). */
  | 'INVALID_SNAPSHOT'
  /** A file could not be parsed. */
  | 'PARSE_FAILED'
  /**
   * A file's bytes are not text in the encoding it is read with (a GBK/GB18030 file read as
   * UTF-8, say); see {@link EncodingError}.
   */
  | 'INVALID_ENCODING'
  /**
   * A file could not be read or written (missing, a directory, no permission, disk full);
   * see {@link FileError}.
   */
  | 'IO_FAILED'
  /**
   * An optional peer dependency is not installed (the service's `fastify`, say); the message
   * names the package and the `npm install` command.
   */
  | 'MISSING_DEPENDENCY';

/** Base class of every error finmatch throws. */
export class FinmatchError extends Error {
  /** The stable machine-readable code. */
  readonly code: ErrorCode;
  /**
   * The message in each locale, when the thrower wrote it in both (the CLI and the service
   * show the one for the caller's locale); `message` is then the English one.
   */
  readonly messages?: LocalizedText;
  constructor(code: ErrorCode, message: string | LocalizedText, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : message.en, options);
    this.name = 'FinmatchError';
    this.code = code;
    if (typeof message !== 'string') this.messages = message;
  }
}

/**
 * One problem found in one record: which record, which field, what was there and what was
 * expected. Paths use dots and bracketed indices: `need.amount`, `existingLoans[2].maturity`.
 */
export interface ValidationIssue {
  /** The record's `id`, when it had a readable one. */
  recordId?: string;
  /** The field path inside the record, `''` for the record itself. */
  path: string;
  /** A machine-readable code: `invalid_type`, `too_small`, `unknown_sector`, `duplicate_id`… */
  code: string;
  /** What was wrong, in the requested locale. */
  message: string;
  /** A short rendering of the value received (truncated for huge values). */
  received?: string;
  /** What was expected, in words. */
  expected?: string;
  /**
   * For an unknown field (`unknown_field`): the field of the data model it most likely meant,
   * when one is within two edits (`colateral` → `collateral`).
   */
  suggestion?: string;
}

/** Thrown by the `parse*` functions and by entry points given invalid records. */
export class ValidationError extends FinmatchError {
  /** Every problem found, never empty. */
  readonly issues: readonly ValidationIssue[];
  /** The record kind that was validated (`enterprise`, `product`…). */
  readonly kind: string;
  constructor(kind: string, issues: readonly ValidationIssue[], message?: string) {
    super('VALIDATION_FAILED', message ?? describeIssues(kind, issues));
    this.name = 'ValidationError';
    this.kind = kind;
    this.issues = issues;
  }
}

/** Thrown when an option is invalid; names the option and what it expects. */
export class OptionError extends FinmatchError {
  /** The option's name, e.g. `k`. */
  readonly option: string;
  /** `message` in English, or in both locales ({@link FinmatchError.messages}). */
  constructor(option: string, message: string | LocalizedText) {
    super('INVALID_OPTION', message);
    this.name = 'OptionError';
    this.option = option;
  }
}

/** Thrown when an id passed to a function is not known to it. */
export class UnknownIdError extends FinmatchError {
  /** The id that was not found. */
  readonly id: string;
  constructor(id: string, message: string) {
    super('UNKNOWN_ID', message);
    this.name = 'UnknownIdError';
    this.id = id;
  }
}

/** Thrown when a profile cannot be constructed. */
export class ProfileError extends FinmatchError {
  constructor(message: string) {
    super('INVALID_PROFILE', message);
    this.name = 'ProfileError';
  }
}

/** Thrown when a snapshot or saved model cannot be loaded. */
export class SnapshotError extends FinmatchError {
  constructor(message: string) {
    super('INVALID_SNAPSHOT', message);
    this.name = 'SnapshotError';
  }
}

/**
 * Thrown when a records file cannot be decoded as a whole: its bytes are not UTF-8 but read
 * cleanly as GB18030 (a file saved by Excel on Chinese Windows), so every line would be
 * mojibake. A file with a few corrupt lines is not rejected: each such line is reported as an
 * `invalid_encoding` parse error and the other lines are read.
 */
export class EncodingError extends FinmatchError {
  /** The file, when the bytes came from one. */
  readonly path: string | undefined;
  /** The first line (from 1) that is not valid in {@link EncodingError.encoding}. */
  readonly line: number;
  /** The encoding the bytes were read with (`utf8`). */
  readonly encoding: string;
  /** The encoding the bytes look like, to pass as the readers' `encoding` option (`gb18030`). */
  readonly suggestedEncoding: string | undefined;
  constructor(
    message: string,
    details: { path?: string; line: number; encoding: string; suggestedEncoding?: string },
  ) {
    super('INVALID_ENCODING', message);
    this.name = 'EncodingError';
    this.path = details.path;
    this.line = details.line;
    this.encoding = details.encoding;
    this.suggestedEncoding = details.suggestedEncoding;
  }
}

/**
 * Thrown when a file cannot be read or written: it is missing, a directory, not permitted, the
 * folder to write into does not exist, the disk is full. Names the path; the operating
 * system's error is the `cause` and its code (`ENOENT`, `ENOSPC`…) is {@link FileError.systemCode}.
 */
export class FileError extends FinmatchError {
  /** The file or folder that could not be used. */
  readonly path: string;
  /** What was being done. */
  readonly operation: 'read' | 'write';
  /** The operating system's error code (`ENOENT`, `EACCES`, `EISDIR`, `ENOSPC`…), when known. */
  readonly systemCode: string | undefined;
  /**
   * @param message - what went wrong; in both locales when finmatch itself found the problem
   *   (not the operating system), which the CLI and the service then show as it is
   */
  constructor(
    operation: 'read' | 'write',
    path: string,
    message: string | LocalizedText,
    options?: { cause?: unknown; systemCode?: string },
  ) {
    super(
      'IO_FAILED',
      message,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = 'FileError';
    this.path = path;
    this.operation = operation;
    this.systemCode = options?.systemCode;
  }
}

function describeIssues(kind: string, issues: readonly ValidationIssue[]): string {
  const first = issues[0];
  if (!first) return `invalid ${kind}`;
  const where = `${first.recordId !== undefined ? `${kind} ${describeValue(first.recordId)}` : kind}${first.path ? ` at ${first.path}` : ''}`;
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})`
      : '';
  return `${where}: ${first.message}${more}`;
}

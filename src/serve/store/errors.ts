/**
 * Errors of the service's store. A database that cannot be reached, or refuses a connection,
 * is a {@link StoreUnavailableError} (code `IO_FAILED`, like a file that cannot be read); a row
 * whose id or unique key is taken is a {@link StoreConflictError} (code `DUPLICATE_ID`). Other
 * database errors (a bug in the SQL, say) are passed on as the driver throws them.
 *
 * @module
 */
import { FinmatchError } from '../../errors.js';

/**
 * Thrown when the database cannot be used: the server refuses or drops the connection, the
 * credentials or the database name are wrong, an embedded database directory cannot be opened.
 * The password of a URL never appears in the message; the driver's error is the `cause`.
 */
export class StoreUnavailableError extends FinmatchError {
  /** The database, as given but with any password replaced by `***`. */
  readonly database: string;
  /**
   * The operating system's error code (`ECONNREFUSED`, `ENOTFOUND`…) or the server's SQLSTATE
   * (`28P01` wrong password, `3D000` no such database…), when known.
   */
  readonly systemCode: string | undefined;
  constructor(
    database: string,
    message: string,
    options?: { cause?: unknown; systemCode?: string },
  ) {
    super(
      'IO_FAILED',
      message,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = 'StoreUnavailableError';
    this.database = database;
    this.systemCode = options?.systemCode;
  }
}

/** Thrown when a row cannot be inserted because its id (or an API key's hash) already exists. */
export class StoreConflictError extends FinmatchError {
  /** The table: `api_keys`, `rankings` or `snapshots`. */
  readonly table: string;
  /** The id of the row that could not be inserted. */
  readonly id: string;
  constructor(table: string, id: string, message: string, options?: { cause?: unknown }) {
    super(
      'DUPLICATE_ID',
      message,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.name = 'StoreConflictError';
    this.table = table;
    this.id = id;
  }
}

/** `url` with the password (if any) replaced by `***`; unparseable input is returned as is. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

const SYSTEM_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the server running, on that host and port?)',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
  '28P01': 'the password was rejected',
  '28000': 'the server refused the user (pg_hba.conf or an unknown role)',
  '3D000': 'the database does not exist',
  '53300': 'the server has too many connections',
  '57P01': 'the server was shut down',
  '57P03': 'the server is starting up or shutting down',
};

/** The system code or SQLSTATE of a driver error (looking inside an `AggregateError`). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    for (const e of inner) {
      const c = errorCode(e);
      if (c !== undefined) return c;
    }
  }
  return undefined;
}

/**
 * Whether `error` means the connection is unusable (rather than that a statement failed): a
 * system error, SQLSTATE class 08 (connection exception), 28 (authorisation), 3D000, 53300,
 * 57P01–57P03, or the driver's own messages about a terminated connection.
 */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) {
    if (/^E[A-Z]+$/.test(code)) return true;
    if (/^(08|28)/.test(code) || ['3D000', '53300', '57P01', '57P02', '57P03'].includes(code)) {
      return true;
    }
    return false;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
}

/** A {@link StoreUnavailableError} for `error`, saying what failed in plain words. */
export function unavailable(database: string, what: string, error: unknown): StoreUnavailableError {
  const code = errorCode(error);
  const known = code !== undefined ? SYSTEM_MESSAGES[code] : undefined;
  const raw = error instanceof Error && error.message !== '' ? error.message : String(error);
  const reason = known ?? raw;
  return new StoreUnavailableError(
    database,
    `${what} ${database}: ${reason}${code !== undefined ? ` (${code})` : ''}`,
    { cause: error, ...(code !== undefined ? { systemCode: code } : {}) },
  );
}

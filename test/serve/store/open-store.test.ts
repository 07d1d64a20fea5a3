import { describe, expect, test } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { StoreUnavailableError } from '../../../src/serve/store/errors.js';
import { openStore, parseDatabase } from '../../../src/serve/store/index.js';
import { openPostgresStore } from '../../../src/serve/store/postgres.js';

describe('openStore: the database option', () => {
  test('PostgreSQL URLs, memory, directories', () => {
    expect(parseDatabase(undefined)).toEqual({ kind: 'memory' });
    expect(parseDatabase('memory:')).toEqual({ kind: 'memory' });
    for (const url of [
      'postgres://u:p@h:5432/db',
      'postgresql://h/db',
      'POSTGRES://h/db?sslmode=require',
      'postgres://h',
    ]) {
      expect(parseDatabase(url)).toEqual({ kind: 'postgres', url });
    }
    for (const path of ['./data', '/var/lib/finmatch', 'data', 'C:\\data', './my:dir', '数据库']) {
      expect(parseDatabase(path)).toEqual({ kind: 'directory', path });
    }
  });

  test('anything else is an OptionError naming database and what it expects', () => {
    for (const bad of [
      '',
      '  ',
      ' ./x',
      'mysql://h/db',
      'memory:x',
      'sqlite:file.db',
      'http://h',
      'a\0b',
      42,
      null,
      {},
    ]) {
      let error: unknown;
      try {
        parseDatabase(bad);
      } catch (e) {
        error = e;
      }
      expect(error, String(bad)).toBeInstanceOf(OptionError);
      expect((error as OptionError).option).toBe('database');
      expect((error as Error).message).toMatch(/postgres:\/\/ or postgresql:\/\/ URL, "memory:"/);
    }
  });

  test('an invalid URL does not echo its password', () => {
    const error = (() => {
      try {
        parseDatabase('postgres://user:s3cret@[bad/db');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(OptionError);
    expect(error?.message).not.toContain('s3cret');
  });

  test('openStore rejects bad input before opening anything', async () => {
    await expect(openStore('ftp://x')).rejects.toThrow(OptionError);
    await expect(openStore('postgres://h/db', { poolSize: 0 })).rejects.toMatchObject({
      option: 'poolSize',
    });
  });

  test('a server that does not answer is a StoreUnavailableError, password redacted', async () => {
    const error = await openPostgresStore('postgres://finmatch:s3cret@127.0.0.1:1/finmatch', {
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'IO_FAILED', systemCode: 'ECONNREFUSED' });
    expect((error as Error).message).toBe(
      'cannot connect to the PostgreSQL database postgres://finmatch:***@127.0.0.1:1/finmatch: the connection was refused (is the server running, on that host and port?) (ECONNREFUSED)',
    );
  });
});

// The DuckDB anchor: the simple model (./simple-model.mjs) as one SQL query per product, run
// by DuckDB in this process (`@duckdb/node-api`, a dependency of the benchmark only: it lives
// in bench/package.json and is installed into bench/node_modules on first use, so the
// finmatch package and CI never need it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../', import.meta.url));

/**
 * Imports `@duckdb/node-api`, installing bench/package.json's dependencies first when
 * bench/node_modules is missing. Returns the module, or `{ skipped: reason }`.
 */
export async function loadDuckDB(log) {
  if (!existsSync(`${benchDir}node_modules/@duckdb/node-api`)) {
    log('installing the benchmark-only dependencies (npm install --prefix bench)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', benchDir, '--no-audit', '--no-fund'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) return { skipped: `npm install --prefix bench failed (${r.status})` };
  }
  try {
    return await import(
      new URL('../node_modules/@duckdb/node-api/lib/index.js', import.meta.url).href
    );
  } catch (error) {
    return {
      skipped: `@duckdb/node-api did not load: ${String(error?.message ?? error).slice(0, 160)}`,
    };
  }
}

const TABLE = `CREATE TABLE ent (id VARCHAR, sector VARCHAR, region VARCHAR, stage VARCHAR, amount DOUBLE, chains VARCHAR[], zones VARCHAR[])`;

/** An in-memory DuckDB database and connection, with its thread count. */
export async function openDuckDB(duckdb) {
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const threads = (
    await connection.runAndReadAll(`SELECT current_setting('threads')`)
  ).getRows()[0][0];
  return { instance, connection, threads: Number(threads), version: duckdb.version?.() };
}

/**
 * Loads raw enterprise records (the JSON shape) into table `ent` through DuckDB's appender, one
 * data chunk of `DuckDB vector size` (2,048) rows at a time (the client's fastest path from
 * JavaScript values; row by row with `appendList` is ~10× slower).
 */
export async function appendEnterprises(duckdb, connection, records) {
  await connection.run('DROP TABLE IF EXISTS ent');
  await connection.run(TABLE);
  const list = duckdb.LIST(duckdb.VARCHAR);
  const types = [
    duckdb.VARCHAR,
    duckdb.VARCHAR,
    duckdb.VARCHAR,
    duckdb.VARCHAR,
    duckdb.DOUBLE,
    list,
    list,
  ];
  const appender = await connection.createAppender('ent');
  const size = 2048;
  for (let start = 0; start < records.length; start += size) {
    const part = records.slice(start, start + size);
    const chunk = duckdb.DuckDBDataChunk.create(types, part.length);
    chunk.setColumns([
      part.map((e) => e.id),
      part.map((e) => e.sector),
      part.map((e) => e.region),
      part.map((e) => e.stage),
      part.map((e) => e.need.amount),
      part.map((e) => duckdb.listValue(e.chains.map((c) => c.chainId))),
      part.map((e) => duckdb.listValue(e.zones)),
    ]);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Loads table `ent` from an enterprises JSONL file (as `finmatch generate` writes it). */
export async function readEnterprisesFile(connection, path) {
  await connection.run('DROP TABLE IF EXISTS ent');
  await connection.run(
    `CREATE TABLE ent AS SELECT id, sector, region, stage, need.amount AS amount, list_transform(chains, lambda c: c.chainId) AS chains, zones FROM read_json(${literal(path)}, format = 'newline_delimited', columns = {id: 'VARCHAR', sector: 'VARCHAR', region: 'VARCHAR', stage: 'VARCHAR', need: 'STRUCT(amount DOUBLE)', chains: 'STRUCT(chainId VARCHAR, role VARCHAR)[]', zones: 'VARCHAR[]'})`,
  );
  return Number((await connection.runAndReadAll('SELECT count(*) FROM ent')).getRows()[0][0]);
}

function literal(s) {
  return `'${String(s).replaceAll("'", "''")}'`;
}

function double(x) {
  if (!Number.isFinite(x)) throw new Error(`duckdb anchor: not a finite number: ${x}`);
  return `CAST(${literal(String(x))} AS DOUBLE)`;
}

function anyPrefix(column, prefixes) {
  return `(${prefixes.map((p) => `starts_with(${column}, ${literal(p)})`).join(' OR ')})`;
}

/**
 * The simple model's top `k` for a product as one SQL statement: the same predicates as
 * `simpleScore` and the same arithmetic as `amountFit` (doubles: `CAST('…' AS DOUBLE)`, since a
 * bare decimal literal is a DECIMAL in DuckDB), ties by id.
 */
export function topEnterprisesSql(product, k, filter) {
  const { min, max } = product.amount;
  const where = [];
  if (filter?.chains)
    where.push(`list_has_any(chains, [${filter.chains.map(literal).join(', ')}])`);
  if (filter?.zones) where.push(`list_has_any(zones, [${filter.zones.map(literal).join(', ')}])`);
  if (product.stages.length > 0) where.push(`stage IN (${product.stages.map(literal).join(', ')})`);
  if (product.targetSectors.length > 0) where.push(anyPrefix('sector', product.targetSectors));
  if (product.excludedSectors.length > 0)
    where.push(`NOT ${anyPrefix('sector', product.excludedSectors)}`);
  if (product.regions.length > 0) where.push(anyPrefix('region', product.regions));
  where.push(`amount >= ${double(min)} AND amount <= ${double(max)}`);
  const score =
    max === min
      ? 'CAST(1 AS DOUBLE)'
      : `1 - (2 * abs(amount - ${double((min + max) / 2)})) / ${double(max - min)}`;
  return `SELECT id, ${score} AS score FROM ent WHERE ${where.join(' AND ')} ORDER BY score DESC, id ASC LIMIT ${k}`;
}

/** Sets the financing amount of enterprise `id` in table `ent` (one UPDATE). */
export async function updateAmount(connection, id, value) {
  await connection.run('UPDATE ent SET amount = $1 WHERE id = $2', [value, id]);
}

/** Runs {@link topEnterprisesSql}; returns `{ id, score }` best first. */
export async function queryTopEnterprises(connection, product, k, filter) {
  const reader = await connection.runAndReadAll(topEnterprisesSql(product, k, filter));
  return reader.getRows().map(([id, score]) => ({ id, score }));
}

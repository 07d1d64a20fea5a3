// Shared helpers of the real-data adapters: gzip CSV reading and the documented surrogate
// mappings from US locations to finmatch's region codes.
import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** Where ../shared/datasets is: $FINMATCH_DATASETS, or ../shared/datasets beside the repository. */
export function datasetsDir() {
  const candidates = [
    process.env.FINMATCH_DATASETS,
    resolve(here, '../../../shared/datasets'),
  ].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`datasets not found; set FINMATCH_DATASETS (tried ${candidates.join(', ')})`);
}

/** Reads a gzip CSV file into an array of row objects (header row → keys). */
export async function readCsvGz(relPath) {
  const rows = [];
  const parser = createReadStream(join(datasetsDir(), relPath))
    .pipe(createGunzip())
    .pipe(parse({ columns: true, skip_empty_lines: true, relax_column_count: true }));
  for await (const row of parser) rows.push(row);
  return rows;
}

/**
 * US Census regions → a surrogate province code, and each state → a city code inside it, so
 * finmatch's region hierarchy (province ⊃ city) mirrors (census region ⊃ state). The Chinese
 * codes carry no geographic meaning here; only the nesting matters. Unknown states → '11'.
 */
export const US_CENSUS_REGIONS = {
  31: ['CT', 'ME', 'MA', 'NH', 'RI', 'VT', 'NJ', 'NY', 'PA'], // Northeast
  42: ['IL', 'IN', 'MI', 'OH', 'WI', 'IA', 'KS', 'MN', 'MO', 'NE', 'ND', 'SD'], // Midwest
  44: [
    'DE',
    'FL',
    'GA',
    'MD',
    'NC',
    'SC',
    'VA',
    'DC',
    'WV',
    'AL',
    'KY',
    'MS',
    'TN',
    'AR',
    'LA',
    'OK',
    'TX',
  ], // South
  51: ['AZ', 'CO', 'ID', 'MT', 'NV', 'NM', 'UT', 'WY', 'AK', 'CA', 'HI', 'OR', 'WA'], // West
};

const stateRegion = new Map();
for (const [province, states] of Object.entries(US_CENSUS_REGIONS))
  states.forEach((s, i) => stateRegion.set(s, `${province}${String(i + 1).padStart(2, '0')}00`));

/** The surrogate 6-digit region code of a US state ('110100' when unknown). */
export function usStateRegion(state) {
  return (
    stateRegion.get(
      String(state ?? '')
        .trim()
        .toUpperCase(),
    ) ?? '110100'
  );
}

/** Deterministic id-safe slug. */
export function slug(s) {
  return (
    String(s)
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 100) || 'x'
  );
}

/** Median of a non-empty numeric array. */
export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

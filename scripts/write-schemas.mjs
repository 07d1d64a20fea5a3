// Writes schemas/<kind>.schema.json (JSON Schema draft 2020-12) for every record kind, from the
// built package. Run by `npm run build` after tsup: node scripts/write-schemas.mjs
// The files ship in the package as `finmatch/schemas/<kind>.schema.json`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { jsonSchema, RECORD_KINDS } = await import('../dist/index.js');

if (typeof jsonSchema !== 'function' || !Array.isArray(RECORD_KINDS)) {
  console.error('write-schemas: dist/index.js must export jsonSchema and RECORD_KINDS');
  process.exit(1);
}

const outDir = join(root, 'schemas');
mkdirSync(outDir, { recursive: true });
for (const kind of RECORD_KINDS) {
  const schema = jsonSchema(kind);
  for (const key of ['$schema', '$id', 'title', 'description']) {
    if (typeof schema[key] !== 'string') {
      console.error(`write-schemas: the ${kind} schema lacks ${key}`);
      process.exit(1);
    }
  }
  writeFileSync(join(outDir, `${kind}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
console.log(`write-schemas: wrote ${RECORD_KINDS.length} schemas to schemas/`);

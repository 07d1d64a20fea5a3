// The hand-written anchor: the simple model (./simple-model.mjs) as a typed-array full scan,
// the code an engineer would write for one fixed model without finmatch. Enterprises are
// encoded once into columns (dictionary ids for sector, region and stage; the need amount as
// a double), rows in id order; a query builds the product's pass tables over the dictionaries
// (part of the query's time) and scans every row into a bounded top-k heap.
import { amountFit, excludedBy, matchesPrefix } from './simple-model.mjs';

/** A string → dense id dictionary. */
function dictionary() {
  const ids = new Map();
  const values = [];
  return {
    values,
    id(value) {
      let id = ids.get(value);
      if (id === undefined) {
        id = values.length;
        ids.set(value, id);
        values.push(value);
      }
      return id;
    },
    get: (value) => ids.get(value),
  };
}

/**
 * Encodes raw enterprise records (the JSON shape, not validated) into columns. Rows are in id
 * order, so the row index breaks score ties as SQL's `ORDER BY score DESC, id` does.
 */
export function encodeEnterprises(records) {
  const rows = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = rows.length;
  const sectors = dictionary();
  const regions = dictionary();
  const stages = dictionary();
  const sector = new Uint16Array(n);
  const region = new Uint16Array(n);
  const stage = new Uint8Array(n);
  const amount = new Float64Array(n);
  // Chain and zone membership as one bit per chain/zone id (at most 32 of each).
  const chains = dictionary();
  const zones = dictionary();
  const chainBits = new Uint32Array(n);
  const zoneBits = new Uint32Array(n);
  const ids = new Array(n);
  for (let i = 0; i < n; i++) {
    const e = rows[i];
    if (chains.values.length > 32 || zones.values.length > 32)
      throw new Error('typed-scan: more than 32 distinct chains or zones');
    ids[i] = e.id;
    sector[i] = sectors.id(e.sector);
    region[i] = regions.id(e.region);
    stage[i] = stages.id(e.stage);
    amount[i] = e.need.amount;
    for (const c of e.chains) chainBits[i] |= 1 << chains.id(c.chainId);
    for (const z of e.zones) zoneBits[i] |= 1 << zones.id(z);
  }
  if (sectors.values.length > 0xffff || regions.values.length > 0xffff)
    throw new Error('typed-scan: more than 65,535 distinct sectors or regions');
  if (chains.values.length > 32 || zones.values.length > 32)
    throw new Error('typed-scan: more than 32 distinct chains or zones');
  return {
    n,
    ids,
    sector,
    region,
    stage,
    amount,
    chainBits,
    zoneBits,
    sectors,
    regions,
    stages,
    chains,
    zones,
  };
}

/** The product's pass tables over the columns' dictionaries. */
function passTables(columns, product) {
  const sectorPass = new Uint8Array(columns.sectors.values.length);
  columns.sectors.values.forEach((code, id) => {
    sectorPass[id] =
      matchesPrefix(code, product.targetSectors) && !excludedBy(code, product.excludedSectors)
        ? 1
        : 0;
  });
  const regionPass = new Uint8Array(columns.regions.values.length);
  columns.regions.values.forEach((code, id) => {
    regionPass[id] = matchesPrefix(code, product.regions) ? 1 : 0;
  });
  const stagePass = new Uint8Array(columns.stages.values.length);
  columns.stages.values.forEach((code, id) => {
    stagePass[id] = product.stages.length === 0 || product.stages.includes(code) ? 1 : 0;
  });
  return { sectorPass, regionPass, stagePass };
}

/**
 * A bounded heap of the best `k` (score, row) pairs: the root is the worst kept (lowest score,
 * then highest row).
 */
function boundedHeap(k) {
  const score = new Float64Array(k);
  const row = new Int32Array(k);
  let size = 0;
  const worse = (i, j) => score[i] < score[j] || (score[i] === score[j] && row[i] > row[j]);
  const swap = (i, j) => {
    const s = score[i];
    score[i] = score[j];
    score[j] = s;
    const r = row[i];
    row[i] = row[j];
    row[j] = r;
  };
  return {
    push(s, r) {
      if (size < k) {
        score[size] = s;
        row[size] = r;
        let i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
        return;
      }
      // Rows arrive in increasing order, so an equal score never displaces a kept row.
      if (s <= score[0]) return;
      score[0] = s;
      row[0] = r;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let m = i;
        if (l < size && worse(l, m)) m = l;
        if (rr < size && worse(rr, m)) m = rr;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    },
    /** The kept pairs, best first. */
    drain() {
      const out = [];
      for (let i = 0; i < size; i++) out.push({ row: row[i], score: score[i] });
      return out.sort((a, b) => b.score - a.score || a.row - b.row);
    },
  };
}

/** The bit mask of the listed ids in `dict` (0: no filter; -1 never matches: none known). */
function maskOf(dict, ids) {
  if (!ids) return 0;
  let mask = 0;
  for (const id of ids) {
    const bit = dict.get(id);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask === 0 ? -1 : mask;
}

/**
 * Rewrites the financing amount of enterprise `id` in `columns` (its row found by binary search
 * over the id-sorted rows), as a service updating one record between scans; false when no row
 * has that id.
 */
export function rewriteAmount(columns, id, value) {
  const { ids } = columns;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  if (ids[lo] !== id) return false;
  columns.amount[lo] = value;
  return true;
}

/**
 * Appends a raw enterprise record as a new last row (a service adding an enterprise), growing
 * every column to twice its length when it is full, as hand-written growable columns do; the
 * columns of {@link encodeEnterprises} are sized to the load, so the first append after it
 * grows them. The row goes last whatever its id (ties then break by row, not by id).
 */
export function appendEnterprise(columns, e) {
  const row = columns.n;
  if (row === columns.amount.length) {
    for (const name of ['sector', 'region', 'stage', 'amount', 'chainBits', 'zoneBits']) {
      const grown = new columns[name].constructor(Math.max(16, row * 2));
      grown.set(columns[name]);
      columns[name] = grown;
    }
  }
  columns.ids.push(e.id);
  columns.sector[row] = columns.sectors.id(e.sector);
  columns.region[row] = columns.regions.id(e.region);
  columns.stage[row] = columns.stages.id(e.stage);
  columns.amount[row] = e.need.amount;
  for (const c of e.chains) columns.chainBits[row] |= 1 << columns.chains.id(c.chainId);
  for (const z of e.zones) columns.zoneBits[row] |= 1 << columns.zones.id(z);
  columns.n = row + 1;
}

/**
 * The simple model's top `k` enterprises for a raw product record, by a full scan, optionally
 * within a `{ chains?, zones? }` filter.
 */
export function scanTopEnterprises(columns, product, k, filter) {
  const { sectorPass, regionPass, stagePass } = passTables(columns, product);
  const { min, max } = product.amount;
  const { n, sector, region, stage, amount, chainBits, zoneBits } = columns;
  const chainMask = maskOf(columns.chains, filter?.chains);
  const zoneMask = maskOf(columns.zones, filter?.zones);
  const heap = boundedHeap(k);
  if (chainMask === -1 || zoneMask === -1) return [];
  for (let i = 0; i < n; i++) {
    if (stagePass[stage[i]] === 0 || sectorPass[sector[i]] === 0 || regionPass[region[i]] === 0)
      continue;
    if (chainMask !== 0 && (chainBits[i] & chainMask) === 0) continue;
    if (zoneMask !== 0 && (zoneBits[i] & zoneMask) === 0) continue;
    const a = amount[i];
    if (a < min || a > max) continue;
    heap.push(amountFit(a, min, max), i);
  }
  return heap.drain().map(({ row, score }) => ({ id: columns.ids[row], score }));
}

/**
 * The catalogue side: every product's pass tables over the enterprise dictionaries, compiled
 * once (as finmatch compiles its catalogue), products in id order.
 */
export function compileCatalogue(columns, products) {
  const sorted = [...products].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    columns,
    products: sorted.map((p) => ({
      id: p.id,
      min: p.amount.min,
      max: p.amount.max,
      ...passTables(columns, p),
    })),
  };
}

/**
 * The simple model's top `k` products for a raw enterprise record: its dictionary ids looked
 * up (a sector or region not in the dictionaries passes no product with prefixes; computed
 * here on the fly), then one pass over the compiled catalogue.
 */
export function scanTopProducts(catalogue, enterprise, k) {
  const { columns } = catalogue;
  const sectorId = columns.sectors.get(enterprise.sector);
  const regionId = columns.regions.get(enterprise.region);
  const stageId = columns.stages.get(enterprise.stage);
  if (sectorId === undefined || regionId === undefined || stageId === undefined)
    throw new Error(`typed-scan: ${enterprise.id} has a code outside the encoded dictionaries`);
  const a = enterprise.need.amount;
  // The best k so far, best first, kept by insertion (k is small); products arrive in id
  // order, so an equal score never displaces a kept one and ties stay by id.
  const best = new Float64Array(k);
  const at = new Int32Array(k);
  let size = 0;
  const products = catalogue.products;
  for (let j = 0; j < products.length; j++) {
    const p = products[j];
    if (p.stagePass[stageId] === 0 || p.sectorPass[sectorId] === 0 || p.regionPass[regionId] === 0)
      continue;
    if (a < p.min || a > p.max) continue;
    const score = amountFit(a, p.min, p.max);
    if (size === k && score <= best[k - 1]) continue;
    let i = size < k ? size++ : k - 1;
    while (i > 0 && best[i - 1] < score) {
      best[i] = best[i - 1];
      at[i] = at[i - 1];
      i--;
    }
    best[i] = score;
    at[i] = j;
  }
  const out = [];
  for (let i = 0; i < size; i++) out.push({ id: products[at[i]].id, score: best[i] });
  return out;
}

// The simple model both anchors compute, defined once here so the typed-array scan and the
// DuckDB query can be checked against it: a product's eligibility is its stage list, its
// sector prefixes (targeted and excluded) and its region prefixes, and the enterprise's need
// amount within the product's range; the score is how central that amount is in the range.
// It is simpler than finmatch's profile (no SRDI tier, collateral, chains, term, rate,
// policy lists or weighted factors), so an anchor that beats finmatch here does less work.

/**
 * Amount fit in [0, 1]: 1 at the middle of the product's range, 0 at its ends (1 for a
 * one-point range). Only +, −, × and ÷ of doubles, in this order, so JavaScript and DuckDB
 * (IEEE doubles, correctly rounded) give bit-identical scores.
 */
export function amountFit(amount, min, max) {
  if (max === min) return 1;
  const mid = (min + max) / 2;
  return 1 - (2 * Math.abs(amount - mid)) / (max - min);
}

/** Whether `code` starts with one of `prefixes` (an empty list matches everything). */
export function matchesPrefix(code, prefixes) {
  if (prefixes.length === 0) return true;
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

/** Whether `code` starts with none of `prefixes`. */
export function excludedBy(code, prefixes) {
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

/**
 * Whether an enterprise passes a prospecting filter `{ chains?, zones? }` (chain and zone ids;
 * the enterprise must be on one of the listed chains — `chains[].chainId` — and in one of the
 * listed zones), as
 * finmatch's `ProspectFilter` reads them.
 */
export function passesFilter(enterprise, filter) {
  if (filter?.chains && !enterprise.chains.some((m) => filter.chains.includes(m.chainId)))
    return false;
  if (filter?.zones && !filter.zones.some((z) => enterprise.zones.includes(z))) return false;
  return true;
}

/**
 * The simple model on one enterprise–product pair, on plain records (the JSON shape): the
 * score, or `undefined` when the pair is ineligible or outside `filter`. The reference both
 * anchors are checked against.
 */
export function simpleScore(enterprise, product, filter) {
  if (!passesFilter(enterprise, filter)) return undefined;
  const amount = enterprise.need.amount;
  const { min, max } = product.amount;
  if (product.stages.length > 0 && !product.stages.includes(enterprise.stage)) return undefined;
  if (!matchesPrefix(enterprise.sector, product.targetSectors)) return undefined;
  if (excludedBy(enterprise.sector, product.excludedSectors)) return undefined;
  if (!matchesPrefix(enterprise.region, product.regions)) return undefined;
  if (amount < min || amount > max) return undefined;
  return amountFit(amount, min, max);
}

/** Orders `{ id, score }` best first, ties by id ascending (byte order, as SQL's ORDER BY id). */
export function byScoreThenId(a, b) {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The simple model's top `k` enterprises for a product, pair by pair (the slow reference). */
export function simpleTopEnterprises(enterprises, product, k, filter) {
  const out = [];
  for (const e of enterprises) {
    const score = simpleScore(e, product, filter);
    if (score !== undefined) out.push({ id: e.id, score });
  }
  return out.sort(byScoreThenId).slice(0, k);
}

// The floor under any validator: a hand-written read of every field of every enterprise record
// (the shape of src/model/schemas.ts `enterprise`, nested objects and lists included), with
// no check at all. A validator has to read every field at least once; on records fresh from
// `JSON.parse` the first read of an object is not free: V8 gives the objects of one shape a
// field representation (small integer, double, any) from the values it has seen, and when a
// later record holds e.g. a loan amount past 2^30, the earlier records' hidden class is
// deprecated and each of them is migrated, one by one, at its first property read. On the
// seed market that first pass costs several times a second pass over the same objects.
//
// Timed on its own fresh parse (as every start-up contender is), this row says how much of a
// start-up is reading the caller's objects at all, and how much is finmatch's own work.

/** Reads every field of `records` once; returns a checksum so the reads are not dead code. */
export function readEveryField(records) {
  let sum = 0;
  for (let i = 0; i < records.length; i++) {
    const e = records[i];
    sum += e.id.length + e.name.length + e.sector.length + e.region.length + e.stage.length;
    const srdi = e.srdi;
    if (srdi !== undefined) {
      sum += srdi.tier.length;
      if (srdi.certifiedOn !== undefined) sum += srdi.certifiedOn.length;
      if (srdi.ruleSet !== undefined) sum += srdi.ruleSet.length;
    }
    sum += e.foundedYear + e.employees + e.annualRevenue;
    if (e.rdIntensity !== undefined) sum += e.rdIntensity;
    if (e.debtRatio !== undefined) sum += e.debtRatio;
    sum += lengths(e.collateral) + lengths(e.zones) + lengths(e.policyLists);
    const chains = e.chains ?? [];
    for (let c = 0; c < chains.length; c++) sum += chains[c].chainId.length + chains[c].role.length;
    const loans = e.existingLoans ?? [];
    for (let l = 0; l < loans.length; l++) {
      const loan = loans[l];
      sum += loan.amount + loan.maturity.length;
      if (loan.id !== undefined) sum += loan.id.length;
      if (loan.lenderId !== undefined) sum += loan.lenderId.length;
      if (loan.renewalWithoutRepayment === true) sum++;
    }
    const need = e.need;
    sum += need.amount + need.termMonths + need.purpose.length + lengths(need.instruments);
    if (need.maxRatePercent !== undefined) sum += need.maxRatePercent;
    if (e.text !== undefined) sum += e.text.length;
  }
  return sum;
}

function lengths(list) {
  let sum = 0;
  if (list !== undefined) for (let i = 0; i < list.length; i++) sum += list[i].length;
  return sum;
}

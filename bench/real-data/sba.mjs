// SBA 7(a) loans: the NAICS → GB/T 4754-2017 mapping the held-out adapter (deals.mjs) uses.
// NAICS 2-digit sectors map to the closest GB/T section or division; NAICS 0 (missing) has no
// entry, and such loans are dropped.
/** NAICS 2-digit sector → GB/T 4754-2017 section or division. */
export const NAICS_SECTOR = {
  11: 'A',
  21: 'B',
  22: 'D',
  23: 'E',
  31: 'C',
  32: 'C',
  33: 'C',
  42: 'F51',
  44: 'F52',
  45: 'F52',
  48: 'G',
  49: 'G',
  51: 'I',
  52: 'J',
  53: 'K',
  54: 'M',
  55: 'L72',
  56: 'L72',
  61: 'P',
  62: 'Q',
  71: 'R',
  72: 'H',
  81: 'O',
  92: 'S',
};

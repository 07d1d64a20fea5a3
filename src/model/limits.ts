/**
 * Bounds the validators enforce. A value outside them is reported, never clamped.
 *
 * @module
 */
export const LIMITS = Object.freeze({
  /** Longest id, in characters. */
  idLength: 128,
  /** Longest name, in characters. */
  nameLength: 500,
  /** Longest free text (description, thesis), in characters. */
  textLength: 20_000,
  /** Longest list field (sectors, regions, collateral…). */
  listLength: 2_000,
  /**
   * Largest amount in yuan (1万亿 = 10¹²): the whole platform's cumulative financing reached
   * about 1万亿 in 2024 (platform.md), so no single need, range or ticket can exceed it.
   */
  amount: 1e12,
  /** Longest term in months (50 years); the longest platform product runs 12 years (products.md A4). */
  termMonths: 600,
  /** Largest headcount. */
  employees: 10_000_000,
  /** Earliest founding year accepted. */
  minFoundedYear: 1800,
  /** Latest founding year accepted. */
  maxFoundedYear: 2100,
  /** Largest investor capacity (new deals). */
  capacity: 100_000,
  /** Largest annual rate in percent. */
  ratePercent: 100,
  /** Most custom attributes on one record (`attributes`). */
  attributeCount: 32,
  /** Longest custom attribute value (string), in characters. */
  attributeValueLength: 200,
});

/**
 * Shape of a custom attribute key: a letter, then up to 63 letters, digits, `_`, `-` or `.`
 * (`revLineCr`, `urban_rural`, `grade.internal`).
 */
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

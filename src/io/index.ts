/**
 * File input and output: reading records files (JSON Lines, JSON, CSV) with line numbers,
 * validating them, and writing JSON Lines and generated markets.
 *
 * @module
 */
export {
  parseRecordsText,
  readRecordsFile,
  type ParseRecordsTextOptions,
  type ReadRecordsOptions,
} from './read.js';
export { RECORDS_ENCODINGS, checkRecordsEncoding, type RecordsEncoding } from './decode.js';
export {
  loadRecords,
  validateParsedRecords,
  VALIDATION_CHUNK_SIZE,
  type LoadError,
  type LoadResult,
  type LoadRecordsOptions,
} from './load.js';
export {
  writeJsonl,
  writeMarket,
  JSONL_WRITE_CHUNK_CHARS,
  MARKET_FILES,
  MARKET_MANIFEST_FILE,
  type MarketPart,
  type WriteJsonlOptions,
  type WriteJsonlResult,
  type WriteMarketOptions,
  type WriteMarketResult,
} from './write.js';
export { loadMarket, type LoadedMarket, type LoadMarketOptions } from './load-market.js';
export { detectRecordsFormat, checkRecordsFormat, RECORDS_FORMAT_BY_EXTENSION } from './format.js';
export { CSV_NUMERIC_FIELDS, CSV_BOOLEAN_FIELDS } from './csv-cells.js';
export {
  RECORDS_FORMATS,
  type RecordsFormat,
  type ParsedRecords,
  type RecordsParseError,
  type RecordsParseErrorCode,
} from './types.js';

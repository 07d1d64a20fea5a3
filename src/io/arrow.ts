/**
 * A streaming writer of the Apache Arrow IPC file format (Arrow columnar format 1.0, metadata
 * version V5) for flat tables of Int32, Float64 and dictionary-encoded UTF-8 columns — what
 * `finmatch sweep --format arrow` writes, opened directly by pyarrow, polars, DuckDB,
 * apache-arrow (JS) or R's arrow. Written here rather than depending on `apache-arrow` (several
 * MB; the package's install budget is 20 MB); `test/io/arrow.test.ts` reads every shape it
 * writes back with `apache-arrow`'s `tableFromIPC`.
 *
 * A file is `ARROW1` and padding, a schema message, one dictionary batch per dictionary column,
 * the record batches, an end-of-stream marker, then the footer (schema and the position of
 * every batch) and its length and `ARROW1` again. Messages are flatbuffers (Schema.fbs,
 * Message.fbs, File.fbs of the Arrow format), built by the small forward builder below.
 * The writer produces bytes and remembers offsets; the caller writes them out in order, so a
 * file of any size is written without holding it.
 *
 * Specification: https://arrow.apache.org/docs/format/Columnar.html#ipc-file-format
 *
 * @module
 */

/** One column of an Arrow table this writer can write (never null). */
export type ArrowColumn =
  | { name: string; type: 'int32' }
  | { name: string; type: 'float64' }
  /** UTF-8 strings stored once in a dictionary; the batches hold Int32 indexes into it. */
  | { name: string; type: 'dictionary'; dictionary: readonly string[] };

/** A record batch's values, one per column in schema order (dictionary columns: indexes). */
export type ArrowBatchValues = readonly (Int32Array | Float64Array)[];

/** Arrow metadata version V5 (`MetadataVersion` in Schema.fbs). */
const METADATA_V5 = 4;
/** `MessageHeader` union members (Message.fbs). */
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
/** `Type` union members (Schema.fbs). */
const TYPE_INT = 2;
const TYPE_FLOATING_POINT = 3;
const TYPE_UTF8 = 5;
/** `Precision.DOUBLE` (Schema.fbs). */
const PRECISION_DOUBLE = 2;
/** The file's leading and trailing magic: `ARROW1`. */
const MAGIC = new Uint8Array([0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]);
/** Marks an encapsulated message (since format 0.15). */
const CONTINUATION = 0xffffffff;

/** A flatbuffer value: scalars inline in a table, the rest referenced by offset. */
type FbValue =
  | { kind: 'bool' | 'u8'; value: number }
  | { kind: 'i16'; value: number }
  | { kind: 'i32'; value: number }
  | { kind: 'i64'; value: number }
  | FbRef;
type FbRef =
  | { kind: 'table'; fields: (FbValue | undefined)[] }
  | { kind: 'string'; value: string }
  | { kind: 'tables'; items: FbTable[] }
  | { kind: 'structs'; bytes: Uint8Array; count: number };
type FbTable = Extract<FbValue, { kind: 'table' }>;

const table = (...fields: (FbValue | undefined)[]): FbTable => ({ kind: 'table', fields });
const i16 = (value: number): FbValue => ({ kind: 'i16', value });
const i32 = (value: number): FbValue => ({ kind: 'i32', value });
const i64 = (value: number): FbValue => ({ kind: 'i64', value });
const u8 = (value: number): FbValue => ({ kind: 'u8', value });
const bool = (value: boolean): FbValue => ({ kind: 'bool', value: value ? 1 : 0 });

const INLINE_SIZE: Record<FbValue['kind'], number> = {
  bool: 1,
  u8: 1,
  i16: 2,
  i32: 4,
  i64: 8,
  table: 4,
  string: 4,
  tables: 4,
  structs: 4,
};

/**
 * Builds a flatbuffer front to back: each table's vtable precedes it, and everything a table
 * refers to follows it (offsets are unsigned, pointing forward). Alignment is kept relative to
 * the buffer's start, which the caller places at a multiple of 8.
 */
class FlatBuilder {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  /** The buffer of `root`, padded to a multiple of 8 bytes. */
  static finish(root: FbTable): Uint8Array {
    const b = new FlatBuilder();
    b.reserve(4);
    b.length = 4;
    const at = b.table(root);
    b.view.setUint32(0, at, true);
    b.pad(8);
    return b.bytes.slice(0, b.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /** Zero bytes until `(length + offset) % align === 0`. */
  private pad(align: number, offset = 0): void {
    const n = (align - ((this.length + offset) % align)) % align;
    this.reserve(n);
    this.length += n;
  }

  private put(kind: FbValue['kind'], value: number): void {
    const size = INLINE_SIZE[kind];
    this.reserve(size);
    const at = this.length;
    if (size === 1) this.view.setUint8(at, value);
    else if (size === 2) this.view.setInt16(at, value, true);
    else if (size === 4) this.view.setInt32(at, value, true);
    else this.view.setBigInt64(at, BigInt(value), true);
    this.length += size;
  }

  private table(node: FbTable): number {
    const present = node.fields
      .map((value, id) => ({ value, id }))
      .filter((f): f is { value: FbValue; id: number } => f.value !== undefined);
    // Widest first, so every field is naturally aligned after the 4-byte vtable offset.
    present.sort((a, b) => INLINE_SIZE[b.value.kind] - INLINE_SIZE[a.value.kind]);
    const slots = node.fields.length;
    const wide = present.some((f) => INLINE_SIZE[f.value.kind] === 8);
    this.pad(2);
    const vtable = this.length;
    this.reserve(4 + 2 * slots);
    this.bytes.fill(0, vtable, vtable + 4 + 2 * slots);
    this.length += 4 + 2 * slots;
    // The table starts 4 bytes before an 8-byte boundary when it holds 8-byte fields.
    this.pad(wide ? 8 : 4, wide ? 4 : 0);
    const start = this.length;
    this.put('i32', start - vtable);
    const refs: { at: number; value: FbRef }[] = [];
    for (const { value, id } of present) {
      const size = INLINE_SIZE[value.kind];
      this.pad(size);
      this.view.setUint16(vtable + 4 + 2 * id, this.length - start, true);
      if ('value' in value && typeof value.value === 'number') this.put(value.kind, value.value);
      else {
        refs.push({ at: this.length, value: value as FbRef });
        this.put('i32', 0);
      }
    }
    this.view.setUint16(vtable, 4 + 2 * slots, true);
    this.view.setUint16(vtable + 2, this.length - start, true);
    // The child first: writing it may grow the buffer (and replace the view).
    for (const { at, value } of refs) {
      const child = this.ref(value);
      this.view.setUint32(at, child - at, true);
    }
    return start;
  }

  private ref(value: FbRef): number {
    if (value.kind === 'table') return this.table(value);
    if (value.kind === 'string') {
      const utf8 = new TextEncoder().encode(value.value);
      this.pad(4);
      const at = this.length;
      this.put('i32', utf8.length);
      this.reserve(utf8.length + 1);
      this.bytes.set(utf8, this.length);
      this.bytes[this.length + utf8.length] = 0;
      this.length += utf8.length + 1;
      return at;
    }
    if (value.kind === 'structs') {
      // The elements (structs of 8-byte fields) start on an 8-byte boundary after the count.
      this.pad(8, 4);
      const at = this.length;
      this.put('i32', value.count);
      this.reserve(value.bytes.length);
      this.bytes.set(value.bytes, this.length);
      this.length += value.bytes.length;
      return at;
    }
    this.pad(4);
    const at = this.length;
    this.put('i32', value.items.length);
    const slots = value.items.map(() => {
      const slot = this.length;
      this.put('i32', 0);
      return slot;
    });
    value.items.forEach((item, i) => {
      const slot = slots[i]!;
      const child = this.table(item);
      this.view.setUint32(slot, child - slot, true);
    });
    return at;
  }
}

/** A vector of structs of two int64 each (`FieldNode`: length, null count; `Buffer`: offset, length). */
function pairs(values: readonly number[]): FbRef {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { kind: 'structs', bytes, count: values.length / 2 };
}

/** Where a message sits in the file (a footer `Block`). */
interface Block {
  offset: number;
  metaDataLength: number;
  bodyLength: number;
}

/** A vector of `Block` structs (int64 offset, int32 metadata length and padding, int64 body length). */
function blocks(list: readonly Block[]): FbRef {
  const bytes = new Uint8Array(list.length * 24);
  const view = new DataView(bytes.buffer);
  list.forEach((b, i) => {
    view.setBigInt64(i * 24, BigInt(b.offset), true);
    view.setInt32(i * 24 + 8, b.metaDataLength, true);
    view.setBigInt64(i * 24 + 16, BigInt(b.bodyLength), true);
  });
  return { kind: 'structs', bytes, count: list.length };
}

const padded = (n: number): number => (n + 7) & ~7;

/** One buffer of a message body, and the bytes it is written from. */
interface BodyPart {
  bytes: Uint8Array;
}

/**
 * Writes one Arrow IPC file: {@link ArrowFileWriter.start} (magic, schema, dictionaries), then
 * {@link ArrowFileWriter.batch} per record batch, then {@link ArrowFileWriter.finish} (footer).
 * Each returns the bytes to append, in order; nothing else may be written in between.
 */
export class ArrowFileWriter {
  private offset = 0;
  private readonly dictionaryBlocks: Block[] = [];
  private readonly recordBlocks: Block[] = [];
  private readonly schema: FbTable;
  /** Per column: its dictionary's id, or −1. */
  private readonly dictionaryIds: number[];
  private rows = 0;

  constructor(readonly columns: readonly ArrowColumn[]) {
    if (columns.length === 0) throw new Error('an Arrow table needs at least one column');
    let dictionaryId = 0;
    const ids = columns.map((c) => (c.type === 'dictionary' ? dictionaryId++ : -1));
    this.dictionaryIds = ids;
    this.schema = table(
      i16(0), // little-endian
      {
        kind: 'tables',
        items: columns.map((c, i) =>
          table(
            { kind: 'string', value: c.name },
            bool(false),
            u8(
              c.type === 'int32'
                ? TYPE_INT
                : c.type === 'float64'
                  ? TYPE_FLOATING_POINT
                  : TYPE_UTF8,
            ),
            c.type === 'int32'
              ? table(i32(32), bool(true))
              : c.type === 'float64'
                ? table(i16(PRECISION_DOUBLE))
                : table(),
            c.type === 'dictionary'
              ? table(i64(ids[i]!), table(i32(32), bool(true)), bool(false), i16(0))
              : undefined,
            { kind: 'tables', items: [] },
          ),
        ),
      },
    );
  }

  /** Rows written so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** The file's start: magic, the schema and every column's dictionary. */
  start(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const magic = new Uint8Array(8);
    magic.set(MAGIC);
    out.push(magic);
    this.offset = 8;
    out.push(...this.message(HEADER_SCHEMA, this.schema, []).bytes);
    this.columns.forEach((c, i) => {
      if (c.type !== 'dictionary') return;
      const { offsets, data } = utf8Column(c.dictionary);
      const batch = recordBatch(c.dictionary.length, [[offsets, data]]);
      const header = table(i64(this.dictionaryIds[i]!), batch.header, bool(false));
      const m = this.message(HEADER_DICTIONARY_BATCH, header, batch.parts);
      this.dictionaryBlocks.push(m.block);
      out.push(...m.bytes);
    });
    return out;
  }

  /**
   * One record batch of `length` rows: per column, `length` values (Int32 for `int32` and for
   * dictionary indexes, Float64 for `float64`). The arrays are written as they are (no copy).
   */
  batch(length: number, values: ArrowBatchValues): Uint8Array[] {
    if (values.length !== this.columns.length)
      throw new Error(`expected ${this.columns.length} columns, received ${values.length}`);
    values.forEach((v, i) => {
      const want = this.columns[i]!.type === 'float64' ? Float64Array : Int32Array;
      if (!(v instanceof want) || v.length !== length)
        throw new Error(`column ${this.columns[i]!.name}: expected ${length} ${want.name} values`);
    });
    const batch = recordBatch(
      length,
      values.map((v) => [new Uint8Array(v.buffer, v.byteOffset, v.byteLength)]),
    );
    const m = this.message(HEADER_RECORD_BATCH, batch.header, batch.parts);
    this.recordBlocks.push(m.block);
    this.rows += length;
    return m.bytes;
  }

  /** The end of the stream and the footer. */
  finish(): Uint8Array[] {
    const eos = new Uint8Array(8);
    new DataView(eos.buffer).setUint32(0, CONTINUATION, true);
    const footer = FlatBuilder.finish(
      table(
        i16(METADATA_V5),
        this.schema,
        blocks(this.dictionaryBlocks),
        blocks(this.recordBlocks),
      ),
    );
    const tail = new Uint8Array(4 + MAGIC.length);
    new DataView(tail.buffer).setInt32(0, footer.length, true);
    tail.set(MAGIC, 4);
    this.offset += eos.length + footer.length + tail.length;
    return [eos, footer, tail];
  }

  /** An encapsulated message: continuation, metadata length, metadata, body; and its block. */
  private message(
    type: number,
    header: FbTable,
    parts: readonly BodyPart[],
  ): { bytes: Uint8Array[]; block: Block } {
    const bodyLength = parts.reduce((n, p) => n + padded(p.bytes.length), 0);
    const meta = FlatBuilder.finish(table(i16(METADATA_V5), u8(type), header, i64(bodyLength)));
    const prefix = new Uint8Array(8);
    const view = new DataView(prefix.buffer);
    view.setUint32(0, CONTINUATION, true);
    view.setInt32(4, meta.length, true);
    const bytes: Uint8Array[] = [prefix, meta];
    for (const p of parts) {
      bytes.push(p.bytes);
      const pad = padded(p.bytes.length) - p.bytes.length;
      if (pad > 0) bytes.push(new Uint8Array(pad));
    }
    const block = { offset: this.offset, metaDataLength: 8 + meta.length, bodyLength };
    this.offset += 8 + meta.length + bodyLength;
    return { bytes, block };
  }
}

/**
 * A RecordBatch header and its body parts: per column (never null: an empty validity buffer
 * first), its buffers — one for a fixed-width column, offsets and data for UTF-8.
 */
function recordBatch(
  length: number,
  columns: readonly (readonly Uint8Array[])[],
): { header: FbTable; parts: BodyPart[] } {
  const nodes: number[] = [];
  const buffers: number[] = [];
  const parts: BodyPart[] = [];
  let at = 0;
  for (const column of columns) {
    nodes.push(length, 0);
    buffers.push(at, 0); // validity: absent, no nulls
    for (const bytes of column) {
      buffers.push(at, bytes.length);
      parts.push({ bytes });
      at += padded(bytes.length);
    }
  }
  return { header: table(i64(length), pairs(nodes), pairs(buffers)), parts };
}

/** A UTF-8 column's offsets (Int32, one more than the strings) and bytes. */
function utf8Column(strings: readonly string[]): { offsets: Uint8Array; data: Uint8Array } {
  const offsets = new Int32Array(strings.length + 1);
  const encoder = new TextEncoder();
  let data = new Uint8Array(Math.max(16, strings.length * 12));
  let at = 0;
  strings.forEach((s, i) => {
    // A UTF-16 code unit is at most 3 UTF-8 bytes.
    if (at + s.length * 3 > data.length) {
      const grown = new Uint8Array(Math.max(data.length * 2, at + s.length * 3));
      grown.set(data.subarray(0, at));
      data = grown;
    }
    at += encoder.encodeInto(s, data.subarray(at)).written;
    offsets[i + 1] = at;
  });
  if (at > 0x7fffffff) throw new Error('an Arrow dictionary of more than 2 GiB of text');
  return { offsets: new Uint8Array(offsets.buffer), data: data.subarray(0, at) };
}

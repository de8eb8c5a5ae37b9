import { ModelLoadError, messageOf } from '../errors/errors.js';

/**
 * The safetensors format (huggingface/safetensors): its element types, the entries of its header,
 * and the header's parsing and validation as the reference implementation does it.
 */

/**
 * The element types of the safetensors format (huggingface/safetensors `Dtype`) and
 * their sizes in bytes. Only the float types can become float32 weights.
 */
export const safetensorsDtypeSizes = Object.freeze({
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  F8_E4M3: 1,
  F8_E5M2: 1,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U64: 8,
  U32: 4,
  U16: 2,
  U8: 1,
  BOOL: 1,
} as const);

export type SafetensorsDtype = keyof typeof safetensorsDtypeSizes;

/** Dtypes `writeSafetensors` can produce. */
export type WritableDtype = 'F32' | 'F16' | 'BF16';

/** One entry of a safetensors header. */
export interface SafetensorsEntry {
  readonly dtype: SafetensorsDtype;
  /** Dimensions, outermost first; `[]` is a scalar (one element). */
  readonly shape: readonly number[];
  /** [begin, end) in bytes, relative to the start of the data region (after the header). */
  readonly dataOffsets: readonly [number, number];
}

export interface ParsedSafetensorsHeader {
  readonly metadata: Readonly<Record<string, string>>;
  readonly header: ReadonlyMap<string, SafetensorsEntry>;
  /** Byte offset of the data region within the file (8 + header length). */
  readonly dataStart: number;
}

type Fail = (what: string) => ModelLoadError;

/** Dtypes this project converts to float32 when loading weights. */
export const loadableDtypes: readonly SafetensorsDtype[] = Object.freeze(['F32', 'F16', 'BF16', 'F64']);

export function isSafetensorsDtype(value: string): value is SafetensorsDtype {
  return Object.hasOwn(safetensorsDtypeSizes, value);
}

/** The safetensors reference implementation refuses headers above 100 MB; so do we. */
const maxHeaderBytes = 100_000_000;

/**
 * Reads and validates the header of a safetensors file held in memory (see
 * {@link parseSafetensorsHeaderBytes}). Touches no tensor data.
 * @param bytes the whole file.
 */
export function parseSafetensorsHeader(bytes: Uint8Array, source: string): ParsedSafetensorsHeader {
  const fail = failFor(source);
  if (bytes.length < 8) {
    throw fail(`file is truncated: it has ${bytes.length} bytes, fewer than the 8-byte header length field`);
  }
  const headerLength = readHeaderLength(bytes.subarray(0, 8), bytes.length, fail);
  return parseSafetensorsHeaderBytes(bytes.subarray(8, 8 + headerLength), bytes.length, source);
}

/**
 * The JSON length the first 8 bytes of a safetensors file declare, checked against the
 * reference's 100 MB limit and the file's size in bytes.
 */
export function readSafetensorsHeaderLength(lengthField: Uint8Array, fileBytes: number, source: string): number {
  if (lengthField.length < 8 || fileBytes < 8) {
    throw failFor(source)(`file is truncated: it has ${fileBytes} bytes, fewer than the 8-byte header length field`);
  }
  return readHeaderLength(lengthField, fileBytes, failFor(source));
}

/**
 * Validates the header JSON of a safetensors file of `fileBytes` bytes as the reference
 * (huggingface/safetensors `Metadata::validate` and `read_metadata`) does: every entry's dtype,
 * shape and `data_offsets`, sized `prod(shape) * dtypeSize`; and the tensors, in offset order,
 * tile the data region exactly - the first starts at 0, each starts where the one before it
 * ends (no gap, no overlap), and the last ends at the end of the file (no trailing bytes: the
 * reference refuses such "polyglot" files, which could carry a second payload).
 * @param headerBytes the JSON, without the 8-byte length field before it.
 */
export function parseSafetensorsHeaderBytes(headerBytes: Uint8Array, fileBytes: number, source: string): ParsedSafetensorsHeader {
  const fail = failFor(source);
  const json = parseJson(headerBytes, fail);
  const dataStart = 8 + headerBytes.length;

  let metadata: Record<string, string> = {};
  const header = new Map<string, SafetensorsEntry>();
  for (const [name, raw] of Object.entries(json)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(raw, fail);
      continue;
    }
    header.set(name, parseEntry(name, raw, fail));
  }
  checkLayout(header, dataStart, fileBytes, fail);
  return { metadata, header, dataStart };
}

function failFor(source: string): Fail {
  return (what) => new ModelLoadError(`Cannot read safetensors file ${source}: ${what}`, source);
}

function readHeaderLength(lengthField: Uint8Array, fileBytes: number, fail: Fail): number {
  const declared = new DataView(lengthField.buffer, lengthField.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) {
    throw fail(`bad header length ${declared} bytes (the file has ${fileBytes} bytes; at most ${maxHeaderBytes} allowed)`);
  }
  const headerLength = Number(declared);
  if (8 + headerLength > fileBytes) {
    throw fail(
      `bad header length: the length field says ${headerLength} bytes of JSON, the file has only ${fileBytes - 8} after it ` +
        '(file is truncated or not a safetensors file)',
    );
  }
  return headerLength;
}

function parseJson(headerBytes: Uint8Array, fail: Fail): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (error) {
    throw fail(`header is not valid UTF-8 JSON (${messageOf(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail('header JSON must be an object of tensor name -> {dtype, shape, data_offsets}');
  }
  return parsed as Record<string, unknown>;
}

function parseMetadata(raw: unknown, fail: Fail): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw fail('__metadata__ must be an object of string values');
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw fail(`__metadata__.${key} must be a string, got ${JSON.stringify(value)}`);
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  return Object.fromEntries(Object.entries(raw));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseEntry(name: string, raw: unknown, fail: Fail): SafetensorsEntry {
  if (typeof raw !== 'object' || raw === null) throw fail(`tensor '${name}': entry must be an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !isSafetensorsDtype(dtype)) {
    throw fail(`tensor '${name}': unknown dtype ${JSON.stringify(dtype)} (known: ${Object.keys(safetensorsDtypeSizes).join(', ')})`);
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw fail(`tensor '${name}': shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const [begin, end] = Array.isArray(offsets) && offsets.length === 2 ? (offsets as unknown[]) : [];
  if (!isCount(begin) || !isCount(end) || begin > end) {
    throw fail(`tensor '${name}': data_offsets must be [begin, end] with 0 <= begin <= end, got ${JSON.stringify(offsets)}`);
  }
  const elements = shape.reduce((product: number, dim: number) => product * dim, 1);
  const expectedBytes = elements * safetensorsDtypeSizes[dtype];
  if (!Number.isSafeInteger(expectedBytes)) {
    throw fail(`tensor '${name}': shape [${shape.join(', ')}] of ${dtype} overflows: its byte size is beyond ${Number.MAX_SAFE_INTEGER}`);
  }
  if (end - begin !== expectedBytes) {
    throw fail(
      `tensor '${name}': data_offsets [${begin}, ${end}] span ${end - begin} bytes, ` +
        `but shape [${shape.join(', ')}] of ${dtype} needs ${expectedBytes}`,
    );
  }
  return { dtype, shape: Object.freeze([...shape]), dataOffsets: [begin, end] };
}

const spanOf = (name: string, entry: SafetensorsEntry) => `'${name}' [${entry.dataOffsets.join(', ')}]`;

/** The reference's layout rules (see parseSafetensorsHeaderBytes), each failure naming its case. */
function checkLayout(header: ReadonlyMap<string, SafetensorsEntry>, dataStart: number, fileBytes: number, fail: Fail): void {
  // Offset order, as the reference sorts: by begin, then end (zero-size tensors first at a shared begin).
  const spans = [...header].sort(([, a], [, b]) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let end = 0;
  let previous: [string, SafetensorsEntry] | undefined;
  for (const [name, entry] of spans) {
    const [begin, to] = entry.dataOffsets;
    if (previous === undefined && begin !== 0) {
      throw fail(`the first tensor does not start at offset 0 of the data region: ${spanOf(name, entry)} leaves ${begin} unused bytes before it`);
    }
    if (previous !== undefined && begin > end) {
      throw fail(`gap between tensors: ${spanOf(...previous)} ends at ${end}, the next one, ${spanOf(name, entry)}, starts at ${begin}`);
    }
    if (previous !== undefined && begin < end) {
      throw fail(`overlapping data_offsets: tensor ${spanOf(name, entry)} overlaps ${spanOf(...previous)}`);
    }
    end = to;
    previous = [name, entry];
  }
  const dataLength = fileBytes - dataStart;
  if (end > dataLength) {
    throw fail(`file is truncated: header says ${dataStart + end} bytes, file has ${fileBytes}`);
  }
  if (end < dataLength) {
    throw fail(
      `${dataLength - end} extra bytes after the ${header.size === 0 ? 'header, which lists no tensors' : 'last tensor'} (the header accounts for ${dataStart + end} bytes, the file has ${fileBytes}); ` +
        'the safetensors reference refuses such files (a "polyglot" file can hide a second payload there)',
    );
  }
}

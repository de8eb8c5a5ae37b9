import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { SafetensorsEntry } from './safetensorsContents.js';
import { isSafetensorsDtype, safetensorsDtypeSizes } from './safetensorsDtypes.js';

/** The safetensors reference implementation refuses headers above 100 MB; so do we. */
const maxHeaderBytes = 100_000_000;

export interface ParsedSafetensorsHeader {
  readonly metadata: Readonly<Record<string, string>>;
  readonly header: ReadonlyMap<string, SafetensorsEntry>;
  /** Byte offset of the data region within the file (8 + header length). */
  readonly dataStart: number;
}

/**
 * Reads and validates the header of a safetensors file: the 8-byte little-endian length,
 * the JSON, every entry's dtype, shape and offsets (inside the data region, sized
 * `prod(shape) * dtypeSize`, not overlapping). Touches no tensor data.
 */
export function parseSafetensorsHeader(bytes: Uint8Array, source: string): ParsedSafetensorsHeader {
  const fail = (what: string): ModelLoadError => new ModelLoadError(`Cannot read safetensors file ${source}: ${what}`, source);
  if (bytes.length < 8) {
    throw fail(`file is truncated: it has ${bytes.length} bytes, fewer than the 8-byte header length field`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) {
    throw fail(`bad header length ${declared} bytes (the file has ${bytes.length} bytes; at most ${maxHeaderBytes} allowed)`);
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw fail(
      `bad header length: the length field says ${headerLength} bytes of JSON, the file has only ${bytes.length - 8} after it ` +
        '(file is truncated or not a safetensors file)',
    );
  }
  const json = parseJson(bytes.subarray(8, 8 + headerLength), fail);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;

  let metadata: Record<string, string> = {};
  const header = new Map<string, SafetensorsEntry>();
  for (const [name, raw] of Object.entries(json)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(raw, fail);
      continue;
    }
    header.set(name, parseEntry(name, raw, fail));
  }

  let dataEnd = 0;
  for (const entry of header.values()) dataEnd = Math.max(dataEnd, entry.dataOffsets[1]);
  if (dataEnd > dataLength) {
    throw fail(`file is truncated: header says ${dataStart + dataEnd} bytes, file has ${bytes.length}`);
  }
  checkNoOverlap(header, fail);
  return { metadata, header, dataStart };
}

type Fail = (what: string) => ModelLoadError;

function parseJson(headerBytes: Uint8Array, fail: Fail): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (error) {
    throw fail(`header is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
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
  return Object.fromEntries(Object.entries(raw)) as Record<string, string>;
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
  if (end - begin !== expectedBytes) {
    throw fail(
      `tensor '${name}': data_offsets [${begin}, ${end}] span ${end - begin} bytes, ` +
        `but shape [${shape.join(', ')}] of ${dtype} needs ${expectedBytes}`,
    );
  }
  return { dtype, shape: Object.freeze([...shape]), dataOffsets: [begin, end] };
}

function checkNoOverlap(header: ReadonlyMap<string, SafetensorsEntry>, fail: Fail): void {
  const spans = [...header].filter(([, entry]) => entry.dataOffsets[1] > entry.dataOffsets[0]);
  spans.sort(([, a], [, b]) => a.dataOffsets[0] - b.dataOffsets[0]);
  for (let i = 1; i < spans.length; i++) {
    const [previousName, previous] = spans[i - 1]!;
    const [name, entry] = spans[i]!;
    if (entry.dataOffsets[0] < previous.dataOffsets[1]) {
      throw fail(
        `overlapping data_offsets: tensor '${name}' [${entry.dataOffsets.join(', ')}] ` +
          `overlaps '${previousName}' [${previous.dataOffsets.join(', ')}]`,
      );
    }
  }
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/errors.js';
import { decodeBfloat16, decodeFloat16 } from './halfPrecision.js';
import { readModelFile, readModelJson } from './modelDirectory.js';
import {
  loadableDtypes,
  parseSafetensorsHeader,
  parseSafetensorsHeaderBytes,
  readSafetensorsHeaderLength,
  safetensorsDtypeSizes,
  type SafetensorsEntry,
} from './safetensorsHeader.js';
import type { WeightTensor } from './weightMap.js';

/**
 * Reading safetensors weights as float32: a file held in memory, one tensor of a file on disk, or
 * a sharded checkpoint (`model.safetensors.index.json` and its shards).
 */

/** A parsed safetensors file: its header and the tensors that were decoded as float32. */
export interface SafetensorsContents {
  /** Where the bytes came from (a path), for messages. */
  readonly source: string;
  /** The free-form `__metadata__` string map (e.g. `{ format: 'pt' }`); `{}` when absent. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Every tensor the header lists, in header order, whatever its dtype. */
  readonly header: ReadonlyMap<string, SafetensorsEntry>;
  /**
   * The selected tensors as row-major float32. An aligned F32 tensor is a view on the
   * input bytes (no copy), so it shares their memory and keeps them alive.
   */
  readonly tensors: ReadonlyMap<string, WeightTensor>;
}

export interface ReadSafetensorsOptions {
  /**
   * Which tensors to decode (default: all). Unselected tensors stay in `header` only,
   * so a file may hold tensors of dtypes we cannot load (I64 `position_ids`, ...) as
   * long as nobody asks for them.
   */
  readonly select?: (name: string) => boolean;
}

export interface ShardedTensors {
  readonly tensors: ReadonlyMap<string, WeightTensor>;
  /** The shard file path each tensor came from. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Parses a safetensors file held in memory and decodes the selected tensors to float32
 * (F32, F16, BF16 and F64 are converted; any other dtype of a selected tensor is a
 * `ModelLoadError` naming the tensor, its dtype and the allowed ones).
 *
 * Memory: aligned F32 tensors are views on `bytes` (no copy); converted or misaligned
 * tensors get their own buffers.
 *
 * @param bytes the whole file.
 * @param source the file's path, used in error messages.
 * @throws ModelLoadError for a truncated file, bad header length, invalid JSON, an unknown
 *   dtype, a size that does not match `prod(shape) * dtypeSize`, or a layout the safetensors
 *   reference refuses: a first tensor not at offset 0, a gap or an overlap between tensors,
 *   bytes after the last tensor (see parseSafetensorsHeaderBytes).
 */
export function readSafetensors(bytes: Uint8Array, source: string, options: ReadSafetensorsOptions = {}): SafetensorsContents {
  const { metadata, header, dataStart } = parseSafetensorsHeader(bytes, source);
  const select = options.select ?? ((): boolean => true);
  const tensors = new Map<string, WeightTensor>();
  for (const [name, entry] of header) {
    if (!select(name)) continue;
    const [begin, end] = entry.dataOffsets;
    const data = decodeTensor(name, entry, bytes.subarray(dataStart + begin, dataStart + end), source);
    tensors.set(name, { shape: entry.shape, data });
  }
  return { source, metadata, header, tensors };
}

/**
 * Reads one tensor from a safetensors file without reading the rest: the header, then that
 * tensor's bytes. For small lookups (e.g. `logit_scale`) in checkpoints of hundreds of MB.
 * The whole header is validated against the file's size as `readSafetensors` does, so a file
 * that one refuses is refused here too.
 * @returns undefined when the file has no tensor of that name.
 * @throws ModelLoadError for a file the safetensors reference refuses (see parseSafetensorsHeaderBytes).
 */
export async function readSafetensorsTensor(file: string, name: string): Promise<WeightTensor | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const lengthField = Buffer.alloc(8);
    const { bytesRead } = await handle.read(lengthField, 0, 8, 0);
    const headerLength = readSafetensorsHeaderLength(lengthField.subarray(0, bytesRead), size, file);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 8);
    const { header, dataStart } = parseSafetensorsHeaderBytes(headerBytes, size, file);
    const entry = header.get(name);
    if (entry === undefined) return undefined;
    const [begin, end] = entry.dataOffsets;
    const bytes = Buffer.alloc(end - begin);
    await handle.read(bytes, 0, bytes.length, dataStart + begin);
    return { shape: entry.shape, data: decodeTensor(name, entry, bytes, file) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a sharded safetensors checkpoint (`model.safetensors.index.json` and the shards
 * its `weight_map` names), decoding the tensors `select` accepts.
 *
 * @throws ModelLoadError for a bad index, a missing shard, or a tensor the index puts
 *   in a shard that does not hold it.
 */
export async function readShardedSafetensors(
  dir: string,
  indexName: string,
  select: (name: string) => boolean,
): Promise<ShardedTensors> {
  const indexPath = path.join(dir, indexName);
  const weightMap = parseWeightMap(await readModelJson(dir, indexName), indexPath);
  const tensors = new Map<string, WeightTensor>();
  const files = new Map<string, string>();
  for (const shard of new Set(weightMap.values())) {
    const shardPath = path.join(dir, shard);
    const wanted = (name: string): boolean => weightMap.get(name) === shard && select(name);
    const contents = readSafetensors(await readModelFile(dir, shard), shardPath, { select: wanted });
    for (const [name, file] of weightMap) {
      if (file === shard && select(name) && !contents.header.has(name)) {
        throw new ModelLoadError(`${indexPath} puts tensor '${name}' in ${shard}, but ${shardPath} does not hold it`, shardPath);
      }
    }
    for (const [name, tensor] of contents.tensors) {
      tensors.set(name, tensor);
      files.set(name, shardPath);
    }
  }
  return { tensors, files };
}

function parseWeightMap(json: unknown, indexPath: string): Map<string, string> {
  const weightMap = (json as { weight_map?: unknown } | null)?.weight_map;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) {
    throw new ModelLoadError(`${indexPath} has no "weight_map" object (tensor name -> shard file name)`, indexPath);
  }
  const map = new Map<string, string>();
  for (const [name, shard] of Object.entries(weightMap)) {
    // Shards live next to the index; a path elsewhere is refused rather than followed.
    if (typeof shard !== 'string' || shard === '' || shard !== path.basename(shard) || shard === '..' || shard === '.') {
      throw new ModelLoadError(
        `${indexPath}: weight_map['${name}'] must be a shard file name in the same directory, got ${JSON.stringify(shard)}`,
        indexPath,
      );
    }
    map.set(name, shard);
  }
  return map;
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Turns one tensor's bytes into float32. `bytes` is the tensor's exact byte span
 * (little-endian, as safetensors stores it). Aligned F32 data is returned as a view on
 * the same memory; everything else is converted (or copied first when misaligned).
 */
export function decodeTensor(name: string, entry: SafetensorsEntry, bytes: Uint8Array, source: string): Float32Array {
  if (!littleEndianHost) {
    throw new ModelLoadError(`Cannot read ${source}: big-endian hosts are not supported (safetensors is little-endian)`, source);
  }
  const count = bytes.byteLength / safetensorsDtypeSizes[entry.dtype];
  switch (entry.dtype) {
    case 'F32': {
      const source32 = aligned(bytes, 4);
      return new Float32Array(source32.buffer, source32.byteOffset, count);
    }
    case 'F16':
    case 'BF16': {
      const source16 = aligned(bytes, 2);
      const bits = new Uint16Array(source16.buffer, source16.byteOffset, count);
      const out = new Float32Array(count);
      if (entry.dtype === 'F16') decodeFloat16(bits, out);
      else decodeBfloat16(bits, out);
      return out;
    }
    case 'F64': {
      const source64 = aligned(bytes, 8);
      return Float32Array.from(new Float64Array(source64.buffer, source64.byteOffset, count));
    }
    default:
      throw new ModelLoadError(
        `Cannot load tensor '${name}' from ${source}: dtype ${entry.dtype} is not supported for weights ` +
          `(allowed: ${loadableDtypes.join(', ')})`,
        source,
      );
  }
}

/**
 * `bytes` itself when its offset is a multiple of `alignment`, else an aligned copy
 * (`new Uint8Array(view)` copies; a Node Buffer's `slice` would not).
 */
function aligned(bytes: Uint8Array, alignment: number): Uint8Array {
  return bytes.byteOffset % alignment === 0 ? bytes : new Uint8Array(bytes);
}

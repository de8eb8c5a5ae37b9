import { decodeTensor } from './decodeTensor.js';
import { parseSafetensorsHeader } from './parseSafetensorsHeader.js';
import type { SafetensorsContents } from './safetensorsContents.js';
import type { WeightTensor } from './weightMap.js';

export interface ReadSafetensorsOptions {
  /**
   * Which tensors to decode (default: all). Unselected tensors stay in `header` only,
   * so a file may hold tensors of dtypes we cannot load (I64 `position_ids`, ...) as
   * long as nobody asks for them.
   */
  readonly select?: (name: string) => boolean;
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

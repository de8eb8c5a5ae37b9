import fs from 'node:fs/promises';
import { decodeTensor } from './decodeTensor.js';
import { parseSafetensorsHeaderBytes, readSafetensorsHeaderLength } from './parseSafetensorsHeader.js';
import type { WeightTensor } from './weightMap.js';

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

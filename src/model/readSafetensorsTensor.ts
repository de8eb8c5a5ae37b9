import fs from 'node:fs/promises';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import { decodeTensor } from './decodeTensor.js';
import type { SafetensorsEntry } from './safetensorsContents.js';
import { isSafetensorsDtype, safetensorsDtypeSizes } from './safetensorsDtypes.js';
import type { WeightTensor } from './weightMap.js';

/**
 * Reads one tensor from a safetensors file without reading the rest: the header, then that
 * tensor's bytes. For small lookups (e.g. `logit_scale`) in checkpoints of hundreds of MB.
 * @returns undefined when the file has no tensor of that name.
 */
export async function readSafetensorsTensor(file: string, name: string): Promise<WeightTensor | undefined> {
  const fail = (what: string) => new ModelLoadError(`Cannot read safetensors file ${file}: ${what}`, file);
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const lengthBytes = Buffer.alloc(8);
    await handle.read(lengthBytes, 0, 8, 0);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (size < 8 || 8 + headerLength > size || headerLength > 100_000_000) throw fail(`bad header length ${headerLength} for a file of ${size} bytes`);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 8);
    let header: Record<string, { dtype?: unknown; shape?: unknown; data_offsets?: unknown }>;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as typeof header;
    } catch {
      throw fail('the header is not valid JSON');
    }
    const raw = Object.hasOwn(header, name) ? header[name] : undefined;
    if (raw === undefined) return undefined;
    const { dtype, shape, data_offsets: offsets } = raw;
    const valid =
      typeof dtype === 'string' &&
      isSafetensorsDtype(dtype) &&
      Array.isArray(shape) &&
      shape.every((d) => Number.isInteger(d) && d >= 0) &&
      Array.isArray(offsets) &&
      offsets.length === 2 &&
      offsets.every((o) => Number.isInteger(o));
    if (!valid) throw fail(`bad header entry for tensor '${name}'`);
    const [begin, end] = offsets as [number, number];
    const elements = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== elements * safetensorsDtypeSizes[dtype] || 8 + headerLength + end > size) {
      throw fail(`tensor '${name}' has offsets [${begin}, ${end}] that do not fit its shape or the file`);
    }
    const bytes = Buffer.alloc(end - begin);
    await handle.read(bytes, 0, bytes.length, 8 + headerLength + begin);
    const entry: SafetensorsEntry = { dtype, shape: shape as number[], dataOffsets: [begin, end] };
    return { shape: shape as number[], data: decodeTensor(name, entry, bytes, file) };
  } finally {
    await handle.close();
  }
}

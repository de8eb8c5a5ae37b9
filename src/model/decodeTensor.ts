import { ModelLoadError } from '../errors/ModelLoadError.js';
import { decodeBfloat16 } from './bfloat16.js';
import { decodeFloat16 } from './float16.js';
import type { SafetensorsEntry } from './safetensorsContents.js';
import { loadableDtypes, safetensorsDtypeSizes } from './safetensorsDtypes.js';

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

import { encodeBfloat16, encodeFloat16 } from './halfPrecision.js';
import { safetensorsDtypeSizes, type WritableDtype } from './safetensorsHeader.js';
import type { WeightTensor } from './weightMap.js';

export interface WriteSafetensorsOptions {
  /** Element type of every tensor in the file (default F32). F16/BF16 round to nearest even. */
  readonly dtype?: WritableDtype;
  /** The `__metadata__` string map, e.g. `{ format: 'pt' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Serializes float32 tensors as a safetensors file, in the iteration order of `tensors`.
 * The header JSON is padded with spaces to a multiple of 8 bytes, so every tensor's data
 * starts 8-byte aligned in the file.
 *
 * @throws RangeError when a tensor's data length is not the product of its shape, or a
 *   tensor is named `__metadata__` (caller bugs, not user input).
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, WeightTensor>,
  options: WriteSafetensorsOptions = {},
): Uint8Array {
  const dtype = options.dtype ?? 'F32';
  const elementSize = safetensorsDtypeSizes[dtype];
  // Null prototype: a tensor named '__proto__' is then an ordinary key.
  const header: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (options.metadata !== undefined) header['__metadata__'] = { ...options.metadata };
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (name === '__metadata__') throw new RangeError("A tensor cannot be named '__metadata__'");
    const elements = tensor.shape.reduce((product, dim) => product * dim, 1);
    if (elements !== tensor.data.length) {
      throw new RangeError(
        `Tensor '${name}' has ${tensor.data.length} values but shape [${tensor.shape.join(', ')}] needs ${elements}`,
      );
    }
    const size = elements * elementSize;
    header[name] = { dtype, shape: [...tensor.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const file = new Uint8Array(8 + headerLength + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(headerLength), true);
  file.set(json, 8);
  file.fill(0x20, 8 + json.length, 8 + headerLength);

  let position = 8 + headerLength;
  for (const tensor of tensors.values()) {
    const size = tensor.data.length * elementSize;
    if (dtype === 'F32') file.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, size), position);
    else {
      // The data region starts 8-aligned and every size is a multiple of 2: a valid Uint16Array offset.
      const bits = new Uint16Array(file.buffer, position, tensor.data.length);
      if (dtype === 'F16') encodeFloat16(tensor.data, bits);
      else encodeBfloat16(tensor.data, bits);
    }
    position += size;
  }
  return file;
}

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

/** Dtypes this project converts to float32 when loading weights. */
export const loadableDtypes: readonly SafetensorsDtype[] = Object.freeze(['F32', 'F16', 'BF16', 'F64']);

/** Dtypes `writeSafetensors` can produce. */
export type WritableDtype = 'F32' | 'F16' | 'BF16';

export function isSafetensorsDtype(value: string): value is SafetensorsDtype {
  return Object.hasOwn(safetensorsDtypeSizes, value);
}

import type { SafetensorsDtype } from './safetensorsDtypes.js';
import type { WeightTensor } from './weightMap.js';

/** One entry of a safetensors header. */
export interface SafetensorsEntry {
  readonly dtype: SafetensorsDtype;
  /** Dimensions, outermost first; `[]` is a scalar (one element). */
  readonly shape: readonly number[];
  /** [begin, end) in bytes, relative to the start of the data region (after the header). */
  readonly dataOffsets: readonly [number, number];
}

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

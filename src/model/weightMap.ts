/** One weight tensor as plain data: row-major float32. */
export interface WeightTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * All weights of a model under Hugging Face names (CLIPModel:
 * `text_model.encoder.layers.0.self_attn.q_proj.weight`, `visual_projection.weight`, ...).
 * Linear weights are [out, in] and applied as `x @ W^T`; checkpoints in other
 * layouts (OpenAI state dicts) are converted to this one when loaded.
 */
export type WeightMap = ReadonlyMap<string, WeightTensor>;

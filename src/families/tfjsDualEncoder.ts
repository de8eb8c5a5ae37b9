import type * as tf from '@tensorflow/tfjs-core';

/**
 * A family's two encoders as tfjs-core graphs over weights already uploaded to the current
 * backend: what the tfjs engine runs. Inputs are checked by the engine before these are called.
 */
export interface TfjsDualEncoder {
  /**
   * @param pixels `count x C x S x S` normalised float32 (NCHW).
   * @returns [count, projectionDim] image embeddings, not normalised. Called inside tf.tidy.
   */
  encodeImages(pixels: Float32Array, count: number): tf.Tensor2D;
  /**
   * @param inputIds `count x contextLength` token ids, padded as the family's tokenizer does.
   * @returns [count, projectionDim] text embeddings, not normalised. Called inside tf.tidy.
   */
  encodeTexts(inputIds: Int32Array, count: number): tf.Tensor2D;
  /** Frees every uploaded tensor. */
  dispose(): void;
}

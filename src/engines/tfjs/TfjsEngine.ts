import * as tf from '@tensorflow/tfjs-core';
import { timeRuns } from '../../bench/timeRuns.js';
import { EngineError } from '../../errors/EngineError.js';
import { checkPixelBatch, checkTokenBatch } from '../checkEngineInputs.js';
import type { ClipConfig } from '../../model/clipConfig.js';
import type { EmbeddingEngine, EmbeddingMatrix } from '../embeddingEngine.js';
import { encodeImages } from './encodeImages.js';
import { encodeTexts } from './encodeTexts.js';
import { poolPositions } from './poolPositions.js';
import { disposeClipParams, type ClipParams } from './uploadClipParams.js';

async function download(tensor: tf.Tensor2D): Promise<EmbeddingMatrix> {
  try {
    const [rows = 0, dim = 0] = tensor.shape;
    return { rows, dim, data: (await tensor.data()) as Float32Array };
  } finally {
    tensor.dispose();
  }
}

/** CLIP encoders written with tfjs-core ops, on whichever tfjs backend is current. */
export class TfjsEngine implements EmbeddingEngine {
  readonly engine = 'tfjs';
  readonly logitScale: number;
  #params: ClipParams | undefined;

  constructor(
    readonly config: ClipConfig,
    params: ClipParams,
    readonly backend: string,
  ) {
    this.#params = params;
    this.logitScale = Math.exp(params.logitScale);
  }

  #live(): ClipParams {
    if (this.#params === undefined) throw new EngineError('This tfjs engine has been disposed.', 'tfjs');
    return this.#params;
  }

  async embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix> {
    const params = this.#live();
    checkPixelBatch(this.config, pixelValues, count, this.engine);
    return download(tf.tidy(() => encodeImages(pixelValues, count, params.vision, this.config.vision)));
  }

  async embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix> {
    const params = this.#live();
    checkTokenBatch(this.config, inputIds, count, this.engine);
    const { maxPositionEmbeddings: contextLength, eosTokenId } = this.config.text;
    const pooled = poolPositions(inputIds, count, contextLength, eosTokenId);
    return download(tf.tidy(() => encodeTexts(inputIds, count, pooled, params.text, this.config.text)));
  }

  async matmulGflops(m: number, k: number, n: number): Promise<number> {
    const [a, b] = [tf.randomNormal([m, k]) as tf.Tensor2D, tf.randomNormal([k, n]) as tf.Tensor2D];
    try {
      const run = async () => {
        const product = tf.matMul(a, b);
        await product.data();
        product.dispose();
      };
      await run();
      const times = await timeRuns(run, 7, 0, 5);
      return (2 * m * k * n) / times.median / 1e9;
    } finally {
      tf.dispose([a, b]);
    }
  }

  dispose(): void {
    if (this.#params !== undefined) disposeClipParams(this.#params);
    this.#params = undefined;
  }
}

import * as tf from '@tensorflow/tfjs-core';
import { timeRuns } from '../../bench/timeRuns.js';
import { EngineError } from '../../errors/EngineError.js';
import { checkPixelBatch, checkTokenBatch } from '../checkEngineInputs.js';
import { checkEmbeddings } from '../checkEngineOutputs.js';
import type { ModelConfig } from '../../families/modelConfig.js';
import type { TfjsDualEncoder } from '../../families/tfjsDualEncoder.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { EmbeddingEngine, EmbeddingMatrix } from '../embeddingEngine.js';

async function download(tensor: tf.Tensor2D): Promise<EmbeddingMatrix> {
  try {
    const [rows = 0, dim = 0] = tensor.shape;
    return { rows, dim, data: (await tensor.data()) as Float32Array };
  } finally {
    tensor.dispose();
  }
}

/** A family's encoders written with tfjs-core ops (see TfjsDualEncoder), on whichever tfjs backend is current. */
export class TfjsEngine implements EmbeddingEngine {
  readonly engine = 'tfjs';
  #encoder: TfjsDualEncoder | undefined;

  constructor(
    readonly config: ModelConfig,
    encoder: TfjsDualEncoder,
    readonly scoring: ScoringRule,
    readonly backend: string,
  ) {
    this.#encoder = encoder;
  }

  #live(): TfjsDualEncoder {
    if (this.#encoder === undefined) throw new EngineError('This tfjs engine has been disposed.', 'tfjs');
    return this.#encoder;
  }

  async embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix> {
    const encoder = this.#live();
    checkPixelBatch(this.config, pixelValues, count, this.engine);
    return checkEmbeddings(await download(tf.tidy(() => encoder.encodeImages(pixelValues, count))), 'vision', this.engine);
  }

  async embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix> {
    const encoder = this.#live();
    checkTokenBatch(this.config, inputIds, count, this.engine);
    return checkEmbeddings(await download(tf.tidy(() => encoder.encodeTexts(inputIds, count))), 'text', this.engine);
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
    this.#encoder?.dispose();
    this.#encoder = undefined;
  }
}

import * as tf from '@tensorflow/tfjs-core';
import { EngineError } from '../../errors/errors.js';
import { familyOf } from '../../families/modelFamilies.js';
import type { LoadedModel, ModelConfig, TfjsDualEncoder } from '../../families/modelFamily.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { EmbeddingMatrix } from '../../zeroshot/zeroShotClassification.js';
import type { EmbeddingEngine, EngineOptions } from '../embeddingEngine.js';
import { checkEmbeddings, checkPixelBatch, checkScoringRule, checkTokenBatch } from '../engineChecks.js';
import { selectTfjsBackend } from './selectTfjsBackend.js';

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

  dispose(): void {
    this.#encoder?.dispose();
    this.#encoder = undefined;
  }
}

/**
 * Picks the tfjs backend for `options.device` and uploads the model's weights to it, as the
 * encoders of the model's family.
 *
 * @throws ModelLoadError (or ConfigError, for config.json's initial values) when the scoring
 *   scalars are not finite: such a model would score every image NaN.
 */
export async function createTfjsEngine(model: LoadedModel, options: EngineOptions): Promise<TfjsEngine> {
  const backend = await selectTfjsBackend(options);
  const family = familyOf(model.config);
  const { rule, missing } = family.scoringRule(model.weights, model.config);
  checkScoringRule(rule, model, { kind: missing.length === 0 ? 'weights' : 'config' });
  return new TfjsEngine(model.config, await family.createTfjsEncoder(model.weights, model.config), rule, backend);
}

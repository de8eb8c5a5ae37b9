import { EngineError } from '../../errors/EngineError.js';
import { checkPixelBatch, checkTokenBatch } from '../checkEngineInputs.js';
import { checkEmbeddings } from '../checkEngineOutputs.js';
import type { ModelConfig } from '../../families/modelConfig.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { EmbeddingEngine, EmbeddingMatrix } from '../embeddingEngine.js';
import type { Dtype } from '../engineOptions.js';
import type { OnnxProvider } from './chooseProviders.js';
import type { Ort } from './loadOrt.js';
import { measureMatmulGflops } from './measureMatmulGflops.js';
import type { OnnxTowers } from './openTowers.js';
import type { ResolvedScoring } from './resolveScoring.js';

/** How an OnnxEngine was opened, beyond its graphs. */
export interface OnnxEngineSettings {
  readonly dtype: Dtype;
  readonly scoring: ResolvedScoring;
  /** Intra-op threads; undefined = one per core. */
  readonly threads: number | undefined;
}

/** A model's encoders as ONNX graphs run by onnxruntime-node (CPU, or CUDA where installed). */
export class OnnxEngine implements EmbeddingEngine {
  readonly engine = 'onnx';
  /** `<provider> <dtype>`, e.g. `cpu fp32`, `cuda fp16`; notes a logit scale taken from config.json. */
  readonly backend: string;
  readonly scoring: ScoringRule;
  readonly scoringSource: ResolvedScoring['source'];
  readonly dtype: Dtype;
  readonly provider: OnnxProvider;
  readonly #threads: number | undefined;
  #towers: OnnxTowers | undefined;

  constructor(
    readonly config: ModelConfig,
    towers: OnnxTowers,
    private readonly ort: Ort,
    settings: OnnxEngineSettings,
  ) {
    this.#towers = towers;
    this.#threads = settings.threads;
    this.dtype = settings.dtype;
    this.provider = towers.provider;
    this.scoring = settings.scoring.rule;
    this.scoringSource = settings.scoring.source;
    const scalars = this.scoring.kind === 'softmax' ? 'logit scale' : 'logit scale and bias';
    const note = this.scoringSource === 'config' ? ` (${scalars}: the untrained values of config.json, no trained tensors found)` : '';
    this.backend = `${towers.provider} ${settings.dtype}${note}`;
  }

  #live(): OnnxTowers {
    if (this.#towers === undefined) throw new EngineError('This onnx engine has been disposed.', this.engine);
    return this.#towers;
  }

  async embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix> {
    const towers = this.#live();
    checkPixelBatch(this.config, pixelValues, count, this.engine);
    const { imageSize, numChannels } = this.config.vision;
    return checkEmbeddings(await towers.vision.run(pixelValues, [count, numChannels, imageSize, imageSize]), 'vision', this.engine);
  }

  async embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix> {
    const towers = this.#live();
    checkTokenBatch(this.config, inputIds, count, this.engine);
    const contextLength = this.config.text.maxPositionEmbeddings;
    return checkEmbeddings(await towers.text.run(inputIds, [count, contextLength]), 'text', this.engine);
  }

  async matmulGflops(m: number, k: number, n: number): Promise<number> {
    const { provider } = this.#live();
    return measureMatmulGflops(this.ort, m, k, n, provider, this.#threads);
  }

  dispose(): void {
    this.#towers?.vision.release();
    this.#towers?.text.release();
    this.#towers = undefined;
  }
}

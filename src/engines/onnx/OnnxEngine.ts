import type { InferenceSession } from 'onnxruntime-node';
import { EngineError } from '../../errors/errors.js';
import type { LoadedModel, ModelConfig } from '../../families/modelFamily.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { EmbeddingMatrix } from '../../zeroshot/zeroShotClassification.js';
import type { Dtype, EmbeddingEngine, EngineOptions } from '../embeddingEngine.js';
import { checkEmbeddings, checkPixelBatch, checkScoringRule, checkTokenBatch } from '../engineChecks.js';
import { quantizesActivationsPerBatch, readTowerSources, type TowerSource } from './onnxGraph.js';
import { findCombinedGraph, locateOnnxModel } from './onnxModelFiles.js';
import { chooseProviders, loadOrt, type OnnxProvider, type Ort } from './onnxRuntime.js';
import { describeTowerIo, OnnxTower, towerSpecs, type TowerSpec } from './OnnxTower.js';
import { createOrtSession } from './ortSession.js';
import { resolveScoring, type ResolvedScoring } from './resolveScoring.js';

/** How an OnnxEngine was opened, beyond its graphs. */
export interface OnnxEngineSettings {
  readonly dtype: Dtype;
  readonly scoring: ResolvedScoring;
  /** Intra-op threads; undefined = one per core. */
  readonly threads: number | undefined;
}

/** Both encoders, open on one execution provider. */
export interface OnnxTowers {
  readonly vision: OnnxTower;
  readonly text: OnnxTower;
  readonly provider: OnnxProvider;
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
  /** Intra-op threads its sessions run with; undefined = one per core. */
  readonly threads: number | undefined;
  #towers: OnnxTowers | undefined;

  constructor(
    readonly config: ModelConfig,
    towers: OnnxTowers,
    settings: OnnxEngineSettings,
  ) {
    this.#towers = towers;
    this.threads = settings.threads;
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

  dispose(): void {
    this.#towers?.vision.release();
    this.#towers?.text.release();
    this.#towers = undefined;
  }
}

async function openTower(ort: Ort, from: TowerSource, spec: TowerSpec, provider: OnnxProvider, threads: number | undefined): Promise<OnnxTower> {
  const session: InferenceSession = await createOrtSession(ort, from.model, from.source, provider, threads);
  try {
    const perSample = await quantizesActivationsPerBatch(from.model);
    return new OnnxTower(ort, session, describeTowerIo(session, spec, from.source), from.source, spec.outputDim, perSample);
  } catch (error) {
    await session.release();
    throw error;
  }
}

async function openOn(ort: Ort, sources: { vision: TowerSource; text: TowerSource }, config: ModelConfig, provider: OnnxProvider, threads: number | undefined): Promise<OnnxTowers> {
  const specs = towerSpecs(config);
  const vision = await openTower(ort, sources.vision, specs.vision, provider, threads);
  try {
    return { vision, text: await openTower(ort, sources.text, specs.text, provider, threads), provider };
  } catch (error) {
    vision.release();
    throw error;
  }
}

/**
 * Opens the vision and text graphs on the first of `providers` that starts, and checks their
 * inputs and outputs against `config`. A graph that does not fit `config` fails at once; only a
 * provider that does not start moves on to the next one (`auto` listing cuda, then cpu).
 *
 * @throws EngineError from the last provider tried, or naming the graph that does not fit.
 */
export async function openTowers(
  ort: Ort,
  sources: { vision: TowerSource; text: TowerSource },
  config: ModelConfig,
  providers: readonly OnnxProvider[],
  threads: number | undefined,
): Promise<OnnxTowers> {
  let failure: unknown = new EngineError('No ONNX Runtime execution provider to try.', 'onnx');
  for (const provider of providers) {
    try {
      return await openOn(ort, sources, config, provider, threads);
    } catch (error) {
      if (provider !== 'cuda') throw error;
      failure = error;
    }
  }
  throw failure;
}

/**
 * Opens the model's ONNX graphs for `options.dtype` (default fp32) on `options.device` with
 * onnxruntime-node: `onnx/vision_model*.onnx` + `onnx/text_model*.onnx`, or both towers cut from
 * `onnx/model*.onnx` (see locateOnnxModel). The scoring scalars come from the weights when the
 * model has them (see resolveScoring).
 *
 * @throws EngineError when the model has no directory or no ONNX files for the dtype (naming the
 *   expected paths and the exporter command), a graph does not fit the config, the device is not
 *   available (CUDA: saying how to install it), or `threads` is not a whole number >= 1;
 *   ModelLoadError (ConfigError for config.json's initial values) when the scoring scalars are
 *   not finite.
 */
export async function createOnnxEngine(model: LoadedModel, options: EngineOptions): Promise<OnnxEngine> {
  const { threads } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new EngineError(`--threads must be a whole number >= 1, got ${threads}.`, 'onnx');
  }
  if (model.dir === '') {
    throw new EngineError(
      `The onnx engine runs ONNX files from a model directory, and '${model.id}' was built in memory; pass --model <dir> with onnx/vision_model.onnx and onnx/text_model.onnx (write them with 'stroop export-onnx --model <dir>').`,
      'onnx',
    );
  }
  const dtype = options.dtype ?? 'fp32';
  const files = await locateOnnxModel(model.dir, dtype);
  const providers = await chooseProviders(options.device);
  const ort = await loadOrt();
  const towers = await openTowers(ort, await readTowerSources(files), model.config, providers, threads);
  try {
    const combined = await findCombinedGraph(files, dtype);
    const scoring = await resolveScoring(ort, model, combined, threads);
    checkScoringRule(scoring.rule, model, scoring.source === 'onnx' ? { kind: 'onnx', graph: combined ?? model.dir } : { kind: scoring.source });
    return new OnnxEngine(model.config, towers, { dtype, scoring, threads });
  } catch (error) {
    towers.vision.release();
    towers.text.release();
    throw error;
  }
}

/**
 * A training run: CLIP's symmetric contrastive loss under a warm-up and cosine learning-rate
 * schedule, held-out checks along the way, and the trained model written in Hugging Face layout.
 */
import { turnEventLoop } from '../util/eventLoop.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Device } from '../engines/embeddingEngine.js';
import type { ClipConfig } from '../families/clip/clipConfig.js';
import { encodeImages, encodeTexts } from '../families/clip/clipTfjsEncoder.js';
import { ClipTokenizer } from '../families/clip/tokenizer/ClipTokenizer.js';
import { clipConfigJson, clipPreprocessorFor, preprocessorConfigJson } from '../families/clip/writeClipCheckpoint.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import { writeSafetensors } from '../model/writeSafetensors.js';
import { stroopVersion } from '../packageRoot.js';
import { writeFileAtomically } from '../util/writeFileAtomically.js';
import { heldoutProbe, type ProbeImage, type ProbeResult } from './heldoutProbe.js';
import { prepareTrainingBackend } from './prepareTrainingBackend.js';
import { reducedClipTokenizer, type ReducedClipTokenizer } from './reducedClipTokenizer.js';
import { clipParamsToWeights, initialClipWeights, trainableParams } from './trainableClip.js';
import { loadEmojiImages, trainingBatch } from './trainingData.js';
import { groupTrainingPool } from './trainingPool.js';
import type { TrainingRecipe } from './trainingRecipe.js';

export interface TrainOptions {
  /** Where the model is written (Hugging Face CLIP layout). */
  readonly outDir: string;
  readonly device: Device;
  /** Cache holding the emoji dataset; default stroop's cache. */
  readonly cacheDir?: string;
  /** One line of progress. */
  readonly log: (line: string) => void;
  /** Stops after the current step; the model so far is still written. */
  readonly signal?: AbortSignal;
}

/** A held-out check at one step. */
export interface ProbePoint extends ProbeResult {
  readonly step: number;
}

/** What a training run did. Plain data; also written to the model's training.json. */
export interface TrainResult {
  readonly recipe: TrainingRecipe;
  readonly backend: string;
  readonly stepsDone: number;
  readonly stopped: boolean;
  readonly seconds: number;
  readonly parameters: number;
  /** Mean loss over the last 20 steps. */
  readonly finalLoss: number;
  readonly temperature: number;
  readonly probes: readonly ProbePoint[];
  readonly files: readonly string[];
}

/** CLIP clamps the learned inverse temperature at 100. */
export const maxLogitScale = Math.log(100);

/** Linear warm-up to the peak, then a cosine decay to 0 at the last step. */
export function learningRateAt(step: number, recipe: TrainingRecipe): number {
  if (step < recipe.warmupSteps) return (recipe.learningRate * (step + 1)) / recipe.warmupSteps;
  const progress = (step - recipe.warmupSteps) / Math.max(1, recipe.steps - recipe.warmupSteps);
  return recipe.learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
}

/**
 * CLIP's symmetric contrastive loss: the mean of the image->text and text->image
 * cross-entropies of `exp(logitScale) * cos(image_i, text_j)`, where pair i is row i of both.
 * @param imageEmbeds [n, d] projected image embeddings (not normalised).
 * @param textEmbeds [n, d] projected text embeddings (not normalised).
 * @param logitScale raw scalar parameter; its exp is clamped at 100 as in CLIP.
 */
export function symmetricInfoNce(imageEmbeds: tf.Tensor2D, textEmbeds: tf.Tensor2D, logitScale: tf.Scalar): tf.Scalar {
  return tf.tidy(() => {
    const normalise = (x: tf.Tensor2D) => tf.div<tf.Tensor2D>(x, tf.norm(x, 'euclidean', 1, true));
    const image = normalise(imageEmbeds);
    const text = normalise(textEmbeds);
    // text^T is formed explicitly: the wasm backend is fast only on untransposed operands.
    const logits = tf.mul<tf.Tensor2D>(tf.exp(tf.minimum(logitScale, maxLogitScale)), tf.matMul(image, tf.transpose(text)));
    const targets = tf.eye(imageEmbeds.shape[0]);
    const imageToText = tf.losses.softmaxCrossEntropy(targets, logits);
    const textToImage = tf.losses.softmaxCrossEntropy(targets, tf.transpose(logits));
    return tf.div<tf.Scalar>(tf.add(imageToText, textToImage), 2);
  });
}

/**
 * Writes a trained model in Hugging Face CLIP layout: config.json, preprocessor_config.json,
 * the reduced tokenizer's files, model.safetensors (F32) and `training.json` (how it was made
 * and what it scored). Each file appears whole or not at all. Returns the file names.
 */
export async function writeTrainedModel(
  outDir: string,
  config: ClipConfig,
  preprocessor: PreprocessorConfig,
  tokenizer: ReducedClipTokenizer,
  weights: WeightMap,
  training: unknown,
): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string | Uint8Array> = {
    'config.json': json(clipConfigJson(config)),
    'preprocessor_config.json': json(preprocessorConfigJson(preprocessor)),
    ...tokenizer.files,
    'model.safetensors': writeSafetensors(weights, { metadata: { format: 'pt' } }),
    'training.json': json(training),
  };
  for (const [name, data] of Object.entries(files)) await writeFileAtomically(path.join(outDir, name), data);
  return Object.keys(files);
}

/**
 * Trains a CLIP from seeded random weights on the emoji dataset's training styles with CLIP's
 * symmetric InfoNCE loss and a learned temperature, checks it on the held-out styles every
 * `evalEvery` steps, and writes it to `outDir`.
 */
export async function trainClip(recipe: TrainingRecipe, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const config = recipe.architecture;
  const backend = await prepareTrainingBackend(options.device);
  const tokenizerFiles = await reducedClipTokenizer(recipe.tokenizerMerges, config.text.maxPositionEmbeddings);
  if (tokenizerFiles.vocabSize !== config.text.vocabSize) throw new Error(`The recipe's vocabulary (${config.text.vocabSize}) does not match ${recipe.tokenizerMerges} merges (${tokenizerFiles.vocabSize}).`);
  const tokenizer = ClipTokenizer.fromFiles({ vocabJson: tokenizerFiles.files['vocab.json'] ?? '', mergesTxt: tokenizerFiles.files['merges.txt'] ?? '' });
  const preprocessor = clipPreprocessorFor(config);
  const emoji = await loadEmojiImages(recipe.datasetImageSize, options.cacheDir);
  const classIndex = new Map(emoji.classNames.map((name, i) => [name, i]));
  const known = emoji.images.filter((item) => classIndex.has(item.label));
  const pool = groupTrainingPool(emoji.classNames, known.filter((item) => item.split === 'train'), emoji.root);
  const probeImages: ProbeImage[] = known.filter((item) => item.split !== 'train').map((item) => ({ image: item.image, label: classIndex.get(item.label) as number }));
  options.log(`training ${recipe.name} on ${backend}: ${pool.artworks.flat().length} training images, ${probeImages.length} held out, ${emoji.classNames.length} classes`);

  const model = trainableParams(initialClipWeights(config, recipe.seed), config);
  const parameters = model.variables.reduce((n, v) => n + v.size, 0);
  const optimizer = tf.train.adam(recipe.learningRate);
  const probe = (step: number): ProbePoint => {
    const result = { step, ...heldoutProbe(probeImages, emoji.classNames, recipe.templates, model, config, tokenizer, preprocessor) };
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    options.log(`step ${step}: held-out clean ${pct(result.cleanAccuracy)}, with a wrong word ${pct(result.attackedAccuracy)} (word wins ${pct(result.attackSuccess)}); reads its own class name written alone ${pct(result.readingAccuracy.plain)} plain, ${pct(result.readingAccuracy.varied)} varied`);
    return result;
  };

  const probes: ProbePoint[] = [];
  const losses: number[] = [];
  let step = 0;
  let stepStart = performance.now();
  for (; step < recipe.steps && options.signal?.aborted !== true; step++) {
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(step, recipe);
    const batch = trainingBatch(step, recipe, pool, tokenizer, preprocessor);
    const cost = optimizer.minimize(
      () =>
        symmetricInfoNce(
          encodeImages(batch.pixels, batch.count, model.vision, config.vision),
          encodeTexts(batch.inputIds, batch.count, batch.pooled, model.text, config.text),
          model.logitScale as tf.Tensor as tf.Scalar,
        ),
      true,
      [...model.variables],
    );
    losses.push(cost?.dataSync()[0] ?? NaN);
    cost?.dispose();
    // Frees the step's canvases and lets a Ctrl-C reach the signal handler (see turnEventLoop).
    await turnEventLoop();
    if ((step + 1) % 10 === 0) {
      const now = performance.now();
      const perStep = (now - stepStart) / 10000;
      stepStart = now;
      const recent = losses.slice(-10);
      const eta = Math.round(((recipe.steps - step - 1) * perStep) / 60);
      options.log(`step ${step + 1}/${recipe.steps}: loss ${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(3)}, temperature ${(1 / Math.exp(model.logitScale.dataSync()[0] ?? 0)).toFixed(4)}, ${perStep.toFixed(2)} s/step, about ${eta} min left`);
    }
    if (recipe.evalEvery > 0 && (step + 1) % recipe.evalEvery === 0 && step + 1 < recipe.steps) probes.push(probe(step + 1));
  }
  probes.push(probe(step));

  const logitScale = model.logitScale.dataSync()[0] ?? NaN;
  const tail = losses.slice(-20);
  const result: Omit<TrainResult, 'files'> = {
    recipe,
    backend,
    stepsDone: step,
    stopped: step < recipe.steps,
    seconds: Math.round((performance.now() - started) / 1000),
    parameters,
    finalLoss: tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length),
    temperature: 1 / Math.exp(logitScale),
    probes,
  };
  const weights = clipParamsToWeights(model.vision, model.text, logitScale, config);
  const files = await writeTrainedModel(options.outDir, config, preprocessor, tokenizerFiles, weights, { stroopVersion, ...result });
  tf.dispose([...model.variables]);
  optimizer.dispose();
  return { ...result, files };
}

import path from 'node:path';
import { ConfigError, EngineError, ModelLoadError } from '../errors/errors.js';
import type { LoadedModel, ModelConfig } from '../families/modelFamily.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';

/** The encoder an embedding came from, as messages name it. */
export type Tower = 'vision' | 'text';

/** Where an engine's scoring scalars came from (see resolveScoring): the checkpoint, a combined ONNX graph, or config.json. */
export type ScoringSource = { readonly kind: 'weights' } | { readonly kind: 'onnx'; readonly graph: string } | { readonly kind: 'config' };

/** Every engine's contract on image input: `count` >= 1 whole images of 3 x S x S floats. */
export function checkPixelBatch(config: ModelConfig, pixelValues: Float32Array, count: number, engine: string): void {
  const { imageSize, numChannels } = config.vision;
  const expected = count * numChannels * imageSize * imageSize;
  if (!Number.isInteger(count) || count < 1 || pixelValues.length !== expected) {
    throw new EngineError(`embedImages needs ${count} x ${numChannels} x ${imageSize} x ${imageSize} = ${expected} pixel values, got ${pixelValues.length}.`, engine);
  }
}

/** Every engine's contract on text input: `count` >= 1 rows of contextLength ids inside the vocabulary. */
export function checkTokenBatch(config: ModelConfig, inputIds: Int32Array, count: number, engine: string): void {
  const { maxPositionEmbeddings: contextLength, vocabSize } = config.text;
  if (!Number.isInteger(count) || count < 1 || inputIds.length !== count * contextLength) {
    throw new EngineError(`embedTexts needs ${count} x ${contextLength} token ids, got ${inputIds.length}.`, engine);
  }
  const bad = inputIds.findIndex((id) => id < 0 || id >= vocabSize);
  if (bad >= 0) {
    throw new EngineError(`Token id ${inputIds[bad]} (row ${Math.floor(bad / contextLength)}) is outside the model's vocabulary [0, ${vocabSize}).`, engine);
  }
}

/**
 * Every engine's contract on its output: `rows x dim` values, all finite. A model that overflows
 * (fp16 activations, damaged weights, an input far outside the training range) gives NaN or
 * infinities, which would otherwise become NaN scores, written as `null` into a result log.
 * @returns `out`, unchanged.
 * @throws EngineError naming the tower, the row and the first non-finite value.
 */
export function checkEmbeddings(out: EmbeddingMatrix, tower: Tower, engine: string): EmbeddingMatrix {
  const { rows, dim, data } = out;
  if (data.length !== rows * dim) {
    throw new EngineError(`The ${tower} tower gave ${data.length} values for ${rows} x ${dim} embeddings.`, engine);
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      const row = Math.floor(i / dim);
      throw new EngineError(
        `The ${tower} tower gave a non-finite embedding: row ${row} of ${rows}, value ${i - row * dim} of ${dim} is ${v}. ` +
          'The model overflows on this input (damaged weights, or a dtype too narrow for its activations); no score is computed from it.',
        engine,
      );
    }
  }
  return out;
}

/**
 * A scoring rule an engine may report: a finite logit scale > 0 and, for sigmoid rules, a finite
 * logit bias. Anything else scores every image NaN (or every class alike).
 * @throws ModelLoadError naming the tensor (`logit_scale`, `logit_bias`) and its value when the scalar
 *   came from the weights or an ONNX graph; ConfigError naming config.json when it came from there.
 */
export function checkScoringRule(rule: ScoringRule, model: LoadedModel, source: ScoringSource): void {
  const where = model.dir === '' ? `model '${model.id}'` : model.dir;
  const bad: { name: 'logit_scale' | 'logit_bias'; shown: string }[] = [];
  if (!(Number.isFinite(rule.logitScale) && rule.logitScale > 0)) {
    const raw = model.weights.get('logit_scale')?.data[0];
    const shown = source.kind === 'weights' && raw !== undefined ? `${raw} (a logit scale exp(logit_scale) = ${rule.logitScale})` : `a logit scale of ${rule.logitScale}`;
    bad.push({ name: 'logit_scale', shown });
  }
  if (rule.kind === 'sigmoid' && !Number.isFinite(rule.logitBias)) bad.push({ name: 'logit_bias', shown: `${rule.logitBias}` });
  if (bad.length === 0) return;
  const need = 'zero-shot scores need a finite logit scale > 0 (and, for SigLIP, a finite logit bias), so this model cannot be scored.';
  const list = bad.map((b) => `${b.name} is ${b.shown}`).join(', ');
  if (source.kind === 'weights') throw new ModelLoadError(`${where}: the checkpoint's ${list}; ${need} Its weights are damaged or not a trained model.`, model.dir);
  if (source.kind === 'onnx') throw new ModelLoadError(`${source.graph}: measured on the combined graph, ${list}; ${need}`, source.graph);
  const configFile = model.dir === '' ? 'config.json' : path.join(model.dir, 'config.json');
  throw new ConfigError(`${configFile}: the model has no trained scoring tensors, and the config's initial values give ${list}; ${need}`, configFile);
}

import { EngineError } from '../errors/EngineError.js';
import type { ModelConfig } from '../families/modelConfig.js';

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

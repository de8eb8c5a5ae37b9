import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import { preprocessInto } from '../image/preprocessImage.js';
import { readImageFile } from '../image/decodeImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { concatEmbeddings } from './concatEmbeddings.js';

export interface ImageFileOptions {
  /** Refuse images with more pixels than this, before decoding. */
  readonly maxPixels: number;
  readonly batchSize: number;
}

/** Reads, preprocesses and embeds image files in batches, in order. Fails on the first bad file. */
export async function embedImageFiles(
  engine: EmbeddingEngine,
  preprocessor: PreprocessorConfig,
  files: readonly string[],
  options: ImageFileOptions,
): Promise<EmbeddingMatrix> {
  const { imageSize, numChannels } = engine.config.vision;
  const perImage = numChannels * imageSize * imageSize;
  const parts: EmbeddingMatrix[] = [];
  for (let start = 0; start < files.length; start += options.batchSize) {
    const batch = files.slice(start, start + options.batchSize);
    const pixels = new Float32Array(batch.length * perImage);
    for (const [i, file] of batch.entries()) {
      const image = await readImageFile(file, { maxPixels: options.maxPixels });
      preprocessInto(image, preprocessor, pixels, i * perImage);
    }
    parts.push(await engine.embedImages(pixels, batch.length));
  }
  return concatEmbeddings(parts, engine.config.projectionDim);
}

import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import { syntheticPixels } from './benchEngine.js';

/** Cosine similarity of matching rows, over a set of inputs. */
export interface CosineSpread {
  readonly mean: number;
  readonly min: number;
}

/** How closely one engine's embeddings follow a reference engine's on the same inputs. */
export interface EmbeddingAgreement {
  readonly images: CosineSpread;
  readonly texts: CosineSpread;
  /** Inputs compared of each kind. */
  readonly count: number;
}

function rowCosines(a: EmbeddingMatrix, b: EmbeddingMatrix): CosineSpread {
  if (a.rows !== b.rows || a.dim !== b.dim) throw new Error(`Cannot compare embeddings of shape ${a.rows}x${a.dim} with ${b.rows}x${b.dim}.`);
  const cosines: number[] = [];
  for (let r = 0; r < a.rows; r++) {
    let dot = 0;
    let aa = 0;
    let bb = 0;
    for (let i = r * a.dim; i < (r + 1) * a.dim; i++) {
      const x = a.data[i] ?? 0;
      const y = b.data[i] ?? 0;
      dot += x * y;
      aa += x * x;
      bb += y * y;
    }
    cosines.push(dot / Math.sqrt(aa * bb));
  }
  return { mean: cosines.reduce((s, c) => s + c, 0) / cosines.length, min: Math.min(...cosines) };
}

/**
 * Cosine of `candidate`'s image and text embeddings to `reference`'s on the same `count`
 * synthetic images and texts (e.g. q8 weights against fp32): what quantisation costs the
 * embeddings themselves, beside what it costs top-1.
 * @param tokenIds `count x contextLength` token ids both engines embed.
 */
export async function embeddingAgreement(reference: EmbeddingEngine, candidate: EmbeddingEngine, tokenIds: Int32Array, count: number): Promise<EmbeddingAgreement> {
  const { numChannels, imageSize } = reference.config.vision;
  const pixels = syntheticPixels(count * numChannels * imageSize * imageSize);
  return {
    images: rowCosines(await reference.embedImages(pixels, count), await candidate.embedImages(pixels, count)),
    texts: rowCosines(await reference.embedTexts(tokenIds, count), await candidate.embedTexts(tokenIds, count)),
    count,
  };
}

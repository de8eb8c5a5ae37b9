import { createRng, type Rng } from '../attacks/random/createRng.js';
import { poolPositions } from '../families/clip/tfjs/poolPositions.js';
import { preprocessRgba } from '../image/preprocessRgba.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { ClipTokenizer } from '../tokenizer/ClipTokenizer.js';
import { CLASS_PLACEHOLDER } from '../zeroshot/expandPrompts.js';
import { composeTrainingImage, type TrainingImageKind } from './composeTrainingImage.js';
import type { TrainingRecipe } from './trainingRecipe.js';

/** The training artwork of each class, in class-list order. */
export interface TrainingPool {
  readonly classNames: readonly string[];
  /** artworks[c]: the class's images in the training styles. */
  readonly artworks: readonly (readonly RgbaImage[])[];
}

/** One step's model inputs, plain arrays. */
export interface TrainingBatch {
  readonly count: number;
  /** count x 3 x S x S normalised pixels (NCHW). */
  readonly pixels: Float32Array;
  /** count x contextLength caption ids. */
  readonly inputIds: Int32Array;
  /** Per caption, the position of its end token. */
  readonly pooled: Int32Array;
  readonly captions: readonly string[];
  readonly kinds: readonly TrainingImageKind[];
}

function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * The pairs of step `step`: `batchSize` different classes (so no caption is a false negative
 * for another image of the batch), for each a training-style artwork, a caption from the
 * templates, and the image composed per the recipe (artwork alone before `wordsFromStep`, then
 * word rates ramped in over `wordRampSteps`).
 * A function of (recipe, step) alone, so a run is reproducible and resumable at any step.
 */
export function trainingBatch(step: number, recipe: TrainingRecipe, pool: TrainingPool, tokenizer: ClipTokenizer, preprocessor: PreprocessorConfig): TrainingBatch {
  const rng = createRng(recipe.seed, `batch/${step}`);
  const { imageSize, numChannels } = recipe.architecture.vision;
  const contextLength = recipe.architecture.text.maxPositionEmbeddings;
  const classes = shuffledIndices(pool.classNames.length, rng).slice(0, recipe.batchSize);
  const count = classes.length;
  const since = Math.max(0, step - recipe.wordsFromStep);
  const wordVariety = Math.min(1, since / Math.max(1, recipe.wordVarietySteps));
  const share = step < recipe.wordsFromStep ? 0 : Math.min(1, (since + 1) / Math.max(1, recipe.wordRampSteps));
  const words = { ...recipe, writtenWordRate: recipe.writtenWordRate * share, wordOnlyRate: recipe.wordOnlyRate * share, wordVariety };
  const pixels = new Float32Array(count * numChannels * imageSize * imageSize);
  const captions: string[] = [];
  const kinds: TrainingImageKind[] = [];
  classes.forEach((c, i) => {
    const name = pool.classNames[c] as string;
    const artwork = rng.pick(pool.artworks[c] ?? []);
    captions.push(rng.pick(recipe.templates).replace(CLASS_PLACEHOLDER, name));
    const otherArtwork = () => rng.pick(pool.artworks[(c + rng.int(1, pool.classNames.length - 1)) % pool.classNames.length] ?? []);
    const composed = composeTrainingImage(artwork, name, { size: recipe.datasetImageSize, ...words }, rng, otherArtwork);
    kinds.push(composed.kind);
    pixels.set(preprocessRgba(composed.image, preprocessor), i * numChannels * imageSize * imageSize);
  });
  const inputIds = tokenizer.tokenize(captions, contextLength);
  return { count, pixels, inputIds, pooled: poolPositions(inputIds, count, contextLength, recipe.architecture.text.eosTokenId), captions, kinds };
}

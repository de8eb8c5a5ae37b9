/** What training learns from: the emoji dataset loaded into memory, and the batch of pairs each step draws from it. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRng, type Rng } from '../attacks/createRng.js';
import { readManifestFile } from '../datasets/manifest/ManifestParser.js';
import { buildEmojiDataset } from '../emoji/buildEmojiDataset.js';
import type { EmojiSplit } from '../emoji/emojiSets.js';
import { poolPositions } from '../families/clip/clipTfjsEncoder.js';
import type { ClipTokenizer } from '../families/clip/tokenizer/ClipTokenizer.js';
import { toRgba } from '../image/convertImage.js';
import { readImageFile } from '../image/decodeImage.js';
import { preprocessRgba } from '../image/preprocessImage.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { CLASS_PLACEHOLDER } from '../zeroshot/classEmbeddings.js';
import { composeTrainingImage, type TrainingImageKind } from './composeTrainingImage.js';
import type { TrainingRecipe } from './trainingRecipe.js';

/** One emoji image in memory. */
export interface EmojiImage {
  /** Path inside the dataset, `<set>/<class>.png`. */
  readonly path: string;
  readonly label: string;
  readonly split: EmojiSplit;
  readonly image: RgbaImage;
}

/** The emoji dataset at `size` px, built into the cache when missing, decoded into memory. */
export interface EmojiImages {
  readonly root: string;
  /** Class names in class-list order. */
  readonly classNames: readonly string[];
  readonly images: readonly EmojiImage[];
}

/** The training artwork of each class, in class-list order. */
export interface TrainingPool {
  readonly classNames: readonly string[];
  /** artworks[c]: the class's images in the training styles. */
  readonly artworks: readonly (readonly RgbaImage[])[];
  /**
   * starter[c]: the class's images a curriculum starts from (the emoji training styles, the
   * easiest to learn: colour tells much), when the pool is wider than them.
   */
  readonly starter?: readonly (readonly RgbaImage[])[];
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

/**
 * Builds (when needed) and loads every image of the emoji dataset at `size` px: 80 classes x 7
 * styles, about 5 MB of RGBA at 128 px.
 */
export async function loadEmojiImages(size: number, cacheDir?: string): Promise<EmojiImages> {
  const build = await buildEmojiDataset(cacheDir === undefined ? { size } : { size, cacheDir });
  const classNames = JSON.parse(await fs.readFile(build.classNames, 'utf8')) as string[];
  const rows: Array<{ path: string; label: string; split: EmojiSplit }> = [];
  for await (const chunk of readManifestFile(build.manifest, 'csv')) {
    for (const row of chunk) rows.push({ path: row.path, label: row.label, split: row.split === 'heldout' ? 'heldout' : 'train' });
  }
  const images = await Promise.all(
    rows.map(async (row) => ({ path: row.path, label: row.label, split: row.split, image: toRgba(await readImageFile(path.join(build.root, row.path))) })),
  );
  return { root: build.root, classNames, images };
}

function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** The artwork scale of a curriculum's easy images: v1's. */
const easyArtworkScale = [0.7, 1] as const;

/**
 * The share in [0, 1] of a step's images that are hard under the recipe's curriculum: 0 until
 * `fromStep`, growing linearly to `finalShare` at `toStep`; 1 without a curriculum.
 */
export function curriculumShare(step: number, recipe: Pick<TrainingRecipe, 'curriculum'>): number {
  if (recipe.curriculum === undefined) return 1;
  const { fromStep, toStep, finalShare } = recipe.curriculum;
  return finalShare * Math.min(1, Math.max(0, (step - fromStep) / Math.max(1, toStep - fromStep)));
}

/**
 * The pairs of step `step`: `batchSize` different classes (so no caption is a false negative
 * for another image of the batch), for each a training-style artwork, a caption from the
 * templates, and the image composed per the recipe (artwork alone before `wordsFromStep`, then
 * word rates ramped in over `wordRampSteps`). Under a curriculum (see curriculumShare), each
 * image is easy (a starter artwork on white) or hard (any artwork set into a scene).
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
  const hardShare = curriculumShare(step, recipe);
  const { scene: _scene, ...unscened } = words;
  const hardOptions = { size: recipe.datasetImageSize, ...words };
  const easyOptions = { size: recipe.datasetImageSize, ...unscened, artworkScale: easyArtworkScale };
  classes.forEach((c, i) => {
    const name = pool.classNames[c] as string;
    // Under a curriculum, an easy image is a starter artwork on white as v1 draws it; a hard one any artwork in a scene.
    const hard = recipe.curriculum === undefined || pool.starter === undefined || rng.next() < hardShare;
    const artwork = rng.pick((hard ? pool.artworks[c] : pool.starter?.[c]) ?? []);
    captions.push(rng.pick(recipe.templates).replace(CLASS_PLACEHOLDER, name));
    const otherArtwork = () => rng.pick(pool.artworks[(c + rng.int(1, pool.classNames.length - 1)) % pool.classNames.length] ?? []);
    const composed = composeTrainingImage(artwork, name, hard ? hardOptions : easyOptions, rng, otherArtwork);
    kinds.push(composed.kind);
    pixels.set(preprocessRgba(composed.image, preprocessor), i * numChannels * imageSize * imageSize);
  });
  const inputIds = tokenizer.tokenize(captions, contextLength);
  return { count, pixels, inputIds, pooled: poolPositions(inputIds, count, contextLength, recipe.architecture.text.eosTokenId), captions, kinds };
}

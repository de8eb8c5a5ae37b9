import { createCanvas, ImageData, type Canvas } from 'canvas';
import type { Rng } from '../attacks/random/createRng.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { solidRgbaImage, type RgbaImage } from '../image/rgbaImage.js';
import { jitterColours } from './jitterColours.js';
import { writtenWordSpec } from './writtenWordSpec.js';

/** What a training image shows. */
export type TrainingImageKind = 'artwork' | 'artworkWithWord' | 'wordOnly' | 'wordOverOtherArtwork';

/** One training image, before preprocessing. */
export interface TrainingImage {
  readonly kind: TrainingImageKind;
  readonly image: RgbaImage;
}

/** Options of {@link composeTrainingImage}; see TrainingRecipe for their meaning. */
export interface ComposeOptions {
  readonly size: number;
  readonly artworkScale: readonly [number, number];
  readonly mirror: boolean;
  readonly colourJitter: number;
  readonly writtenWordRate: number;
  readonly wordOnlyRate: number;
  readonly wordOverOtherArtworkShare: number;
  /** How varied the written words may be at this step, in [0, 1]; each image draws its own variety below it. */
  readonly wordVariety: number;
}

function toCanvas(image: RgbaImage): Canvas {
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return canvas;
}

const artworkCanvases = new WeakMap<RgbaImage, Canvas>();

/** The artwork scaled, shifted, maybe mirrored and recoloured (see jitterColours) on a white square of `size` px. */
function placeArtwork(artwork: RgbaImage, options: ComposeOptions, rng: Rng): RgbaImage {
  const { size } = options;
  let source = artworkCanvases.get(artwork);
  if (source === undefined) artworkCanvases.set(artwork, (source = toCanvas(artwork)));
  const [low, high] = options.artworkScale;
  const side = Math.round(size * (low + (high - low) * rng.next()));
  const x = rng.int(0, size - side);
  const y = rng.int(0, size - side);
  const mirrored = options.mirror && rng.next() < 0.5;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.quality = 'good';
  if (mirrored) {
    ctx.translate(size, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(source, mirrored ? size - x - side : x, y, side, side);
  const placed = { width: size, height: size, data: new Uint8Array(ctx.getImageData(0, 0, size, size).data.buffer) };
  return jitterColours(placed, options.colourJitter, rng);
}

/** White, or with chance `variety` a random flat colour (light 70% of the time). */
function plainBackground(size: number, variety: number, rng: Rng): RgbaImage {
  if (rng.next() >= variety) return solidRgbaImage(size, size);
  const light = rng.next() < 0.7;
  const channel = () => (light ? rng.int(200, 255) : rng.int(0, 255));
  return solidRgbaImage(size, size, [channel(), channel(), channel()]);
}

function writeWord(image: RgbaImage, word: string, variety: number, rng: Rng): RgbaImage {
  const outcome = renderAttack(image, writtenWordSpec(word, rng, variety), rng.int(0, 2 ** 31 - 1));
  return outcome.kind === 'rendered' ? outcome.image : image;
}

/**
 * One training image for a pair whose caption names `word`: the artwork alone, the artwork
 * with `word` written on it (`writtenWordRate`), or `word` without its artwork (`wordOnlyRate`):
 * on a plain background, or (a `wordOverOtherArtworkShare` of those) over another class's
 * artwork from `otherArtwork`; in a style of variety up to `wordVariety` (see writtenWordSpec),
 * the choice and every detail drawn from `rng`.
 * @param artwork the class's emoji in one training style, `size` x `size`.
 * @param otherArtwork draws (from `rng`) an artwork of another class; called only when used.
 */
export function composeTrainingImage(artwork: RgbaImage, word: string, options: ComposeOptions, rng: Rng, otherArtwork?: () => RgbaImage): TrainingImage {
  const roll = rng.next();
  const variety = options.wordVariety * rng.next();
  if (roll < options.wordOnlyRate && options.wordOverOtherArtworkShare > 0 && otherArtwork !== undefined && rng.next() < options.wordOverOtherArtworkShare) {
    return { kind: 'wordOverOtherArtwork', image: writeWord(placeArtwork(otherArtwork(), options, rng), word, variety, rng) };
  }
  if (roll < options.wordOnlyRate) return { kind: 'wordOnly', image: writeWord(plainBackground(options.size, variety, rng), word, variety, rng) };
  const placed = placeArtwork(artwork, options, rng);
  if (roll < options.wordOnlyRate + options.writtenWordRate) return { kind: 'artworkWithWord', image: writeWord(placed, word, variety, rng) };
  return { kind: 'artwork', image: placed };
}

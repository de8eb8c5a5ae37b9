/**
 * A training image: the class's artwork placed and recoloured (colour jitter), and its class
 * name written on it or alone, as a paper label in a style from plain to varied (v1), or set
 * into a varied scene with words also written as the literature writes attacks (v2: `scene`
 * and `wordStyles`).
 */
import { createCanvas, type Canvas } from 'canvas';
import type { Rng } from '../attacks/createRng.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { canvasToRgba, rgbaToCanvas } from '../image/rgbaCanvas.js';
import { solidRgbaImage, type RgbaImage } from '../image/rgbaImage.js';
import { composeScene, sceneBackground, type SceneOptions } from '../scene/artworkScene.js';
import { jitterColours } from '../scene/jitterColours.js';
import { useBundledFontconfig } from '../util/bundledFontconfig.js';
import { trainingWordSpec, type WordStyleShares } from './writtenWordStyles.js';

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
  /** v2: set the artwork into a varied scene (see SceneOptions); absent, on white as v1. */
  readonly scene?: SceneAugmentation;
  /** v2: shares of the literature's word styles; absent, paper labels only as v1. */
  readonly wordStyles?: WordStyleShares;
}

/** The scene settings a recipe adds to the artwork's scale, mirror and colour jitter. Plain data. */
export type SceneAugmentation = Pick<SceneOptions, 'backgroundRate' | 'rotationDeg' | 'overhang' | 'recolourMonochrome'>;

const artworkCanvases = new WeakMap<RgbaImage, Canvas>();

/** The artwork scaled, shifted, maybe mirrored and recoloured (see jitterColours) on a white square of `size` px. */
function placeArtwork(artwork: RgbaImage, options: ComposeOptions, rng: Rng, otherArtwork?: () => RgbaImage): RgbaImage {
  const { size } = options;
  if (options.scene !== undefined) return composeScene(artwork, { ...options, ...options.scene }, rng, otherArtwork).image;
  let source = artworkCanvases.get(artwork);
  if (source === undefined) artworkCanvases.set(artwork, (source = rgbaToCanvas(artwork)));
  const [low, high] = options.artworkScale;
  const side = Math.round(size * (low + (high - low) * rng.next()));
  const x = rng.int(0, size - side);
  const y = rng.int(0, size - side);
  const mirrored = options.mirror && rng.next() < 0.5;
  useBundledFontconfig();
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
  return jitterColours(canvasToRgba(canvas), options.colourJitter, rng);
}

/** White, or with chance `variety` a random flat colour (light 70% of the time); v2: a scene's background. */
function plainBackground(options: ComposeOptions, variety: number, rng: Rng, otherArtwork?: () => RgbaImage): RgbaImage {
  const { size } = options;
  if (options.scene !== undefined) return sceneBackground(size, options.scene.backgroundRate, rng, otherArtwork).image;
  if (rng.next() >= variety) return solidRgbaImage(size, size);
  const light = rng.next() < 0.7;
  const channel = () => (light ? rng.int(200, 255) : rng.int(0, 255));
  return solidRgbaImage(size, size, [channel(), channel(), channel()]);
}

function writeWord(image: RgbaImage, word: string, variety: number, rng: Rng, shares?: WordStyleShares): RgbaImage {
  const outcome = renderAttack(image, trainingWordSpec(word, rng, variety, shares), rng.int(0, 2 ** 31 - 1));
  return outcome.kind === 'rendered' ? outcome.image : image;
}

/**
 * One training image for a pair whose caption names `word`: the artwork alone, the artwork
 * with `word` written on it (`writtenWordRate`), or `word` without its artwork (`wordOnlyRate`):
 * on a plain background, or (a `wordOverOtherArtworkShare` of those) over another class's
 * artwork from `otherArtwork`; in a style of variety up to `wordVariety` (see trainingWordSpec),
 * the choice and every detail drawn from `rng`.
 * @param artwork the class's emoji in one training style, `size` x `size`.
 * @param otherArtwork draws (from `rng`) an artwork of another class; called only when used.
 */
export function composeTrainingImage(artwork: RgbaImage, word: string, options: ComposeOptions, rng: Rng, otherArtwork?: () => RgbaImage): TrainingImage {
  const roll = rng.next();
  const variety = options.wordVariety * rng.next();
  const write = (image: RgbaImage) => writeWord(image, word, variety, rng, options.wordStyles);
  if (roll < options.wordOnlyRate && options.wordOverOtherArtworkShare > 0 && otherArtwork !== undefined && rng.next() < options.wordOverOtherArtworkShare) {
    return { kind: 'wordOverOtherArtwork', image: write(placeArtwork(otherArtwork(), options, rng, otherArtwork)) };
  }
  if (roll < options.wordOnlyRate) return { kind: 'wordOnly', image: write(plainBackground(options, variety, rng, otherArtwork)) };
  const placed = placeArtwork(artwork, options, rng, otherArtwork);
  if (roll < options.wordOnlyRate + options.writtenWordRate) return { kind: 'artworkWithWord', image: write(placed) };
  return { kind: 'artwork', image: placed };
}

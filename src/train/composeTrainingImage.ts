/**
 * A training image: the class's artwork placed and recoloured (colour jitter), and its class
 * name written on it or alone, as a paper label in a style from plain to varied.
 */
import { createCanvas, ImageData, type Canvas } from 'canvas';
import { parseAttackSpec, type AttackSpec } from '../attacks/attackSpec.js';
import { signedUnit, type Rng } from '../attacks/createRng.js';
import { bundledFonts } from '../attacks/fonts/fontCatalog.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { solidRgbaImage, type RgbaImage } from '../image/rgbaImage.js';

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

/** RGB to YIQ (NTSC): Y is luma; I and Q, the chroma plane, are 0 for every grey. */
const toYiq = [0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312];

function multiply(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: 9 }, (_, k) => {
    const [row, col] = [Math.floor(k / 3), k % 3];
    return a[3 * row]! * b[col]! + a[3 * row + 1]! * b[3 + col]! + a[3 * row + 2]! * b[6 + col]!;
  });
}

function invert(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const cofactors = [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
  const det = a * cofactors[0]! + b * cofactors[3]! + c * cofactors[6]!;
  return cofactors.map((x) => x / det);
}

const fromYiq = invert(toYiq);

/**
 * The 3 x 3 matrix (row-major, acting on RGB columns) that scales colourfulness by `saturation`
 * and turns the hue by `radians` about the grey axis (in YIQ's chroma plane), leaving every grey,
 * white included, as it is.
 */
export function saturationHueMatrix(saturation: number, radians: number): number[] {
  const [c, s] = [saturation * Math.cos(radians), saturation * Math.sin(radians)];
  return multiply(fromYiq, multiply([1, 0, 0, 0, c, -s, 0, s, c], toYiq));
}

/**
 * The artwork recoloured as another emoji style might draw it: a gamma curve (darker or lighter
 * mid-tones, black and white fixed), a change of colourfulness, with chance 0.15 x strength all
 * grey, and a small hue turn. White stays white, as the backgrounds of every style are.
 * `strength` in [0, 1] scales every range (gamma up to 1.5x either way, saturation +-50%, hue
 * +-15 degrees); at 0 nothing is drawn from `rng` and the image is returned as it is.
 */
export function jitterColours(image: RgbaImage, strength: number, rng: Rng): RgbaImage {
  if (strength <= 0) return image;
  const gamma = Math.exp(Math.log(1.5) * strength * signedUnit(rng));
  const grey = rng.next() < 0.15 * strength;
  const saturation = grey ? 0 : 1 + 0.5 * strength * signedUnit(rng);
  const m = saturationHueMatrix(saturation, ((15 * Math.PI) / 180) * strength * signedUnit(rng));
  const curve = Float32Array.from({ length: 256 }, (_, v) => (v / 255) ** gamma);
  const out = new Uint8Array(image.data.length);
  const { data } = image;
  const byte = (x: number) => Math.round(255 * Math.min(1, Math.max(0, x)));
  for (let i = 0; i < data.length; i += 4) {
    const r = curve[data[i]!]!;
    const g = curve[data[i + 1]!]!;
    const b = curve[data[i + 2]!]!;
    out[i] = byte(m[0]! * r + m[1]! * g + m[2]! * b);
    out[i + 1] = byte(m[3]! * r + m[4]! * g + m[5]! * b);
    out[i + 2] = byte(m[6]! * r + m[7]! * g + m[8]! * b);
    out[i + 3] = data[i + 3]!;
  }
  return { width: image.width, height: image.height, data: out };
}

/** The plainest way to write a word (dark on a white label): the face and size every variation departs from. */
const plainFont = { family: 'DejaVu Sans', weight: 'normal' } as const;
const plainSize = 0.3;

/** Paper colours of the label, and inks the word is written in. */
const labelColours = ['#ffffff', '#fafafa', '#fff8dc', '#f0f0f0', '#ffff99'];
const inks = ['#000000', '#1a1a1a', '#202060', '#602020'];

/**
 * How a training image spells its caption's class name: in dark ink on a paper label, from
 * plain to varied. At variety 0 it is DejaVu Sans, 30% of the short side, centred and upright;
 * variety v in [0, 1] widens every choice with it: the face (a random bundled one with chance
 * v), the size (down to 30 - 18 v and up to 30 + 6 v points of the short side), the position
 * (over 0.3 v of the free space either way), a tilt of up to 12 v degrees half of the time, and
 * another letter case with chance v. The label and ink colours vary a little at every variety.
 *
 * Labels, not words in any colour anywhere: with colourful, outlined words at any position as
 * well (an earlier recipe), 900 steps taught stroop-tiny to read only the plainest style (a
 * fully varied word read 2.5% of the time, against 7.5% for the fully varied label here and
 * 87% for the plain one). The renderer draws the word exactly as it draws attacks.
 * @param word the class name to write.
 * @param rng the stream the choices are drawn from (one per training image).
 * @param variety how far the choices may stray from the plain word, in [0, 1].
 */
export function writtenWordSpec(word: string, rng: Rng, variety: number): AttackSpec {
  const font = rng.next() < variety ? rng.pick(bundledFonts) : plainFont;
  const sticker = { colour: rng.pick(labelColours), padding: 0.3, cornerRadius: 0.1, opacity: 1 };
  const fill = rng.pick(inks);
  const size = plainSize + variety * (0.24 * rng.next() - 0.18);
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'shortSide', value: size, minPx: 6, fit: 'shrink' },
      fill,
      stroke: { colour: '#ffffff', widthPx: 0 },
      placement: { kind: 'fraction', x: 0.5 + 0.3 * variety * signedUnit(rng), y: 0.5 + 0.3 * variety * signedUnit(rng) },
      rotationDeg: rng.next() < 0.5 ? 0 : Math.round(12 * variety * signedUnit(rng)),
      sticker,
      letterCase: rng.next() < variety ? rng.pick(['asIs', 'lower', 'upper', 'title'] as const) : 'asIs',
      wrap: { mode: 'words', maxLines: 2 },
    },
    'writtenWordSpec',
  );
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

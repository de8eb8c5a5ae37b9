/**
 * An artwork set into a scene: a background (white, a flat colour, a gradient, blotchy
 * photo-like noise, or faint clutter of other artwork), the artwork scaled, shifted (partly
 * out of frame: a crop), turned, mirrored, recoloured, with one-colour icon art painted in a
 * colour that stands out from the background. The augmentation of stroop-tiny v2's training
 * and the composer of its "new compositions" evaluation set.
 */
import { createCanvas } from 'canvas';
import { signedUnit, type Rng } from '../attacks/createRng.js';
import { canvasToRgba, rgbaToCanvas } from '../image/rgbaCanvas.js';
import { solidRgbaImage, type RgbaImage } from '../image/rgbaImage.js';
import { useBundledFontconfig } from '../util/bundledFontconfig.js';
import { cutOutArtwork, paintArtwork } from './artworkCutout.js';
import { jitterColours } from './jitterColours.js';

/** How a scene is composed. Plain data. */
export interface SceneOptions {
  /** Side of the square scene, px. */
  readonly size: number;
  /** Random side of the artwork as [min, max] fractions of the scene's side, in (0, 1]. */
  readonly artworkScale: readonly [number, number];
  /** Mirror the artwork left-right half of the time. */
  readonly mirror: boolean;
  /** Strength in [0, 1] of the artwork's colour jitter (see jitterColours). */
  readonly colourJitter: number;
  /** Chance in [0, 1] of a background other than white. */
  readonly backgroundRate: number;
  /** Half of the time, the artwork turns by up to this many degrees either way. */
  readonly rotationDeg: number;
  /** How far the artwork may hang out of the frame, as a fraction of its side, in [0, 0.5]. */
  readonly overhang: number;
  /** Paint greyscale artwork (monochrome icon sets, drawn black) in a random colour that stands out from the background; otherwise it stays black. */
  readonly recolourMonochrome: boolean;
}

/** The kinds of background, for tests and logs. */
export type BackgroundKind = 'white' | 'flat' | 'gradient' | 'noise' | 'clutter';

type Rgb = readonly [number, number, number];

/** Relative luma in [0, 1] (Rec. 601 weights). */
function luma([r, g, b]: Rgb): number {
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

function randomColour(rng: Rng, light?: boolean): Rgb {
  const channel = () => (light === undefined ? rng.int(0, 255) : light ? rng.int(170, 255) : rng.int(0, 150));
  return [channel(), channel(), channel()];
}

const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

/** A colour whose luma differs from `backgroundLuma` by at least 0.35 (dark or light by contrast). */
function contrastingColour(backgroundLuma: number, rng: Rng): Rgb {
  for (let tries = 0; tries < 8; tries++) {
    const colour = randomColour(rng);
    if (Math.abs(luma(colour) - backgroundLuma) >= 0.35) return colour;
  }
  return backgroundLuma > 0.5 ? [0, 0, 0] : [255, 255, 255];
}

/** Blotchy, photo-like noise: a k x k grid of random colours (k in 2..6) smoothly enlarged, plus grain. */
function noiseBackground(size: number, rng: Rng): RgbaImage {
  const k = rng.int(2, 6);
  const grid = solidRgbaImage(k, k);
  for (let i = 0; i < k * k; i++) grid.data.set(randomColour(rng, rng.next() < 0.5 ? undefined : true), 4 * i);
  useBundledFontconfig();
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.quality = 'bilinear';
  ctx.drawImage(rgbaToCanvas(grid), 0, 0, size, size);
  const image = canvasToRgba(canvas);
  const grain = rng.int(0, 24);
  if (grain > 0) {
    // A cheap per-pixel generator seeded from the stream keeps the grain reproducible.
    let state = rng.int(1, 2 ** 31 - 1);
    for (let i = 0; i < image.data.length; i += 4) {
      state = (state * 48271) % 2147483647;
      const delta = Math.round(((state / 2147483647) * 2 - 1) * grain);
      for (let c = 0; c < 3; c++) image.data[i + c] = Math.min(255, Math.max(0, image.data[i + c]! + delta));
    }
  }
  return image;
}

/** The background of a scene, its kind, and its mean luma (for contrasting art). */
export function sceneBackground(size: number, backgroundRate: number, rng: Rng, otherArtwork?: () => RgbaImage): { kind: BackgroundKind; image: RgbaImage; luma: number } {
  if (rng.next() >= backgroundRate) return { kind: 'white', image: solidRgbaImage(size, size), luma: 1 };
  const kinds: BackgroundKind[] = otherArtwork === undefined ? ['flat', 'gradient', 'noise'] : ['flat', 'gradient', 'noise', 'clutter'];
  const kind = rng.pick(kinds);
  if (kind === 'noise') {
    const image = noiseBackground(size, rng);
    let sum = 0;
    for (let i = 0; i < image.data.length; i += 4) sum += luma([image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]);
    return { kind, image, luma: sum / (size * size) };
  }
  const base = randomColour(rng, kind === 'clutter' || rng.next() < 0.6);
  if (kind === 'flat') return { kind, image: solidRgbaImage(size, size, base), luma: luma(base) };
  useBundledFontconfig();
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  if (kind === 'gradient') {
    const other = randomColour(rng, rng.next() < 0.6);
    const angle = 2 * Math.PI * rng.next();
    const [dx, dy] = [(Math.cos(angle) * size) / 2, (Math.sin(angle) * size) / 2];
    const gradient = ctx.createLinearGradient(size / 2 - dx, size / 2 - dy, size / 2 + dx, size / 2 + dy);
    gradient.addColorStop(0, css(base));
    gradient.addColorStop(1, css(other));
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, size, size);
    return { kind, image: canvasToRgba(canvas), luma: (luma(base) + luma(other)) / 2 };
  }
  ctx.fillStyle = css(base);
  ctx.fillRect(0, 0, size, size);
  const pieces = rng.int(2, 4);
  for (let p = 0; p < pieces; p++) {
    const side = Math.round(size * (0.25 + 0.2 * rng.next()));
    ctx.globalAlpha = 0.25 + 0.2 * rng.next();
    ctx.drawImage(rgbaToCanvas(cutOutArtwork(otherArtwork!()).image), rng.int(-side / 4, size - (3 * side) / 4), rng.int(-side / 4, size - (3 * side) / 4), side, side);
  }
  return { kind, image: canvasToRgba(canvas), luma: luma(base) };
}

/**
 * `artwork` drawn onto `background` per `options`: monochrome art painted in a colour standing
 * out from `backgroundLuma` (when `recolourMonochrome`), colour-jittered, scaled, turned half
 * of the time, maybe mirrored, at a random position that may crop up to `overhang` of it.
 */
export function placeArtworkInScene(background: RgbaImage, backgroundLuma: number, artwork: RgbaImage, options: SceneOptions, rng: Rng): RgbaImage {
  const { size } = options;
  const cutout = cutOutArtwork(artwork);
  const painted = options.recolourMonochrome && cutout.monochrome ? paintArtwork(cutout.image, contrastingColour(backgroundLuma, rng)) : cutout.image;
  const source = rgbaToCanvas(jitterColours(painted, options.colourJitter, rng));
  const [low, high] = options.artworkScale;
  const side = Math.round(size * (low + (high - low) * rng.next()));
  const hang = Math.round(options.overhang * side);
  const x = rng.int(-hang, size - side + hang);
  const y = rng.int(-hang, size - side + hang);
  const turn = rng.next() < 0.5 ? 0 : ((options.rotationDeg * Math.PI) / 180) * signedUnit(rng);
  const mirrored = options.mirror && rng.next() < 0.5;
  const canvas = rgbaToCanvas(background);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.quality = 'good';
  ctx.translate(x + side / 2, y + side / 2);
  ctx.rotate(turn);
  if (mirrored) ctx.scale(-1, 1);
  ctx.drawImage(source, -side / 2, -side / 2, side, side);
  return canvasToRgba(canvas);
}

/** A whole scene: a background (see sceneBackground) with `artwork` placed in it (see placeArtworkInScene). */
export function composeScene(artwork: RgbaImage, options: SceneOptions, rng: Rng, otherArtwork?: () => RgbaImage): { background: BackgroundKind; image: RgbaImage } {
  const background = sceneBackground(options.size, options.backgroundRate, rng, otherArtwork);
  return { background: background.kind, image: placeArtworkInScene(background.image, background.luma, artwork, options, rng) };
}

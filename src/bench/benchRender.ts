import { createCanvas, ImageData } from 'canvas';
import { registerBundledFonts } from '../attacks/fonts/registerBundledFonts.js';
import { expandPreset } from '../attacks/presets/expandPreset.js';
import { loadPreset } from '../attacks/presets/loadPreset.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { AttackError } from '../errors/errors.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { sha256Hex } from '../util/hashing.js';
import { spreadOf, timeLoop, type Throughput } from './measurements.js';

/** What `stroop bench --render` measures. */
export interface RenderBenchOptions {
  /** Preset to render (default "openai-sticker", a sticker preset). */
  readonly preset?: string;
  /** Images to render in the timed loop, >= 1 (default 2000). */
  readonly count?: number;
  /** Image size in px (default 224 x 224). */
  readonly width?: number;
  readonly height?: number;
  /** Untimed renders first, so font loading and canvas creation are not counted (default 20). */
  readonly warmup?: number;
  /** Also time bare node-canvas (put, label, read back, hash) on the same size, for comparison (default false). */
  readonly baseline?: boolean;
  /**
   * Timed rounds of `count` images each, >= 1 (default 1). With `baseline`, the
   * renderer and bare node-canvas alternate round by round (the order flipping
   * each round), so load from other processes falls on both alike.
   */
  readonly rounds?: number;
}

/** Rendering throughput in one process: the round with the median images/s (of `rounds`). */
export interface RenderBenchResult extends Throughput {
  readonly preset: string;
  readonly width: number;
  readonly height: number;
  readonly rounds: number;
  /** Of all timed renders, how many came out unrenderable (expected 0). */
  readonly unrenderable: number;
  /** Bare node-canvas on the same size, when asked for: its round with the median images/s. */
  readonly baseline?: Throughput;
  /** Median over rounds of renderer images/s divided by bare node-canvas images/s in the same round, with `baseline`. */
  readonly ratio?: number;
}

const classes = ['apple', 'iPod', 'toaster', 'great white shark', 'Granny Smith', 'library', 'pizza', 'goldfish'];

function syntheticImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = 128;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The round with the median images/s (the lower middle one for an even count). */
function medianRound(rounds: readonly Throughput[]): Throughput {
  const sorted = [...rounds].sort((a, b) => a.imagesPerSecond - b.imagesPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as Throughput;
}

/**
 * The floor stroop's renderer is compared with: node-canvas alone putting a
 * `width` x `height` image, drawing a white label and a word on it, reading the
 * pixels back and hashing them, with no spec handling at all.
 */
export function benchCanvasBaseline(count: number, width = 224, height = 224): Throughput {
  registerBundledFonts();
  const ctx = createCanvas(width, height).getContext('2d');
  const pixels = new Uint8ClampedArray(width * height * 4).fill(180);
  const words = ['iPod', 'toaster', 'library', 'pizza'];
  return timeLoop(count, (i) => {
    ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(width * 0.3, height * 0.6, width * 0.4, height * 0.15);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = 'bold 27px "Comic Neue"';
    ctx.fillText(words[i % words.length] as string, width * 0.33, height * 0.72);
    sha256Hex(ctx.getImageData(0, 0, width, height).data);
  });
}

/**
 * Renders `count` images with a preset per round and reports images per
 * second. Each image goes through what a run does per sample: preset expansion
 * (text choice, drawn fields, spec validation), font lookup and glyph check,
 * layout, drawing, read-back and SHA-256. Seeds differ per image (and round).
 */
export function benchRender(options: RenderBenchOptions = {}): RenderBenchResult {
  const { preset: name = 'openai-sticker', count = 2000, width = 224, height = 224, warmup = 20, rounds = 1 } = options;
  if (!Number.isInteger(count) || count < 1) throw new AttackError(`Render bench count must be a whole number >= 1, got ${count}.`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new AttackError(`Render bench rounds must be a whole number >= 1, got ${rounds}.`);
  const preset = loadPreset(name);
  const image = syntheticImage(width, height);
  const renderOne = (seed: number): boolean => {
    const label = classes[seed % classes.length] as string;
    const [spec] = expandPreset(preset, { label, classes, seed });
    return spec !== undefined && renderAttack(image, spec, seed).kind === 'rendered';
  };
  for (let i = 0; i < warmup; i++) renderOne(1_000_000 + i);
  let unrenderable = 0;
  const timeRenderer = (round: number): Throughput =>
    timeLoop(count, (i) => {
      if (!renderOne(round * count + i)) unrenderable++;
    });
  const renderer: Throughput[] = [];
  const canvas: Throughput[] = [];
  for (let round = 0; round < rounds; round++) {
    if (options.baseline === true && round % 2 === 1) canvas.push(benchCanvasBaseline(count, width, height));
    renderer.push(timeRenderer(round));
    if (options.baseline === true && round % 2 === 0) canvas.push(benchCanvasBaseline(count, width, height));
  }
  const result = { preset: name, width, height, ...medianRound(renderer), rounds, unrenderable };
  if (options.baseline !== true) return result;
  const ratio = spreadOf(renderer.map((r, i) => r.imagesPerSecond / (canvas[i] as Throughput).imagesPerSecond)).median;
  return { ...result, baseline: medianRound(canvas), ratio };
}

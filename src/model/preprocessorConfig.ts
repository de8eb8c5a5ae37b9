import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/errors.js';
import { flag, formatConfigIssues, positiveInt, positiveNumber } from './configSchemaParts.js';
import { readModelJson } from './modelDirectory.js';

/**
 * How images are turned into `pixel_values`, read from `preprocessor_config.json`
 * (Hugging Face `CLIPImageProcessor`, `SiglipImageProcessor`). Preprocessing is data, never
 * per-model code.
 */
export interface PreprocessorConfig {
  readonly doResize: boolean;
  /**
   * `shortestEdge`: the short side to `shortestEdge`, the long side keeping the aspect ratio
   * (CLIP, `size: {shortest_edge}`); `exact`: to `resizeWidth` x `resizeHeight` whatever the
   * aspect ratio (SigLIP, `size: {height, width}`).
   */
  readonly resizeMode: 'shortestEdge' | 'exact';
  /** Target of the shortest side after resizing, in pixels (resizeMode `shortestEdge`). */
  readonly shortestEdge: number;
  /** Size after resizing, in pixels (resizeMode `exact`). */
  readonly resizeHeight: number;
  readonly resizeWidth: number;
  /**
   * When an image that is not RGB becomes RGB: `afterResize`, as OpenAI's CLIP `_transform`
   * (Pillow resizes RGBA premultiplied, then convert('RGB')); `beforeResize`, as transformers'
   * image processors (convert('RGB') drops alpha, then the RGB image is resized). Follows the
   * reference implementation of the processor type: CLIPImageProcessor -> OpenAI,
   * SiglipImageProcessor -> transformers.
   */
  readonly convertRgb: 'afterResize' | 'beforeResize';
  /** PIL resample filter id (3 = bicubic, the only one CLIP uses). */
  readonly resample: number;
  readonly doCenterCrop: boolean;
  /** Center crop size in pixels. */
  readonly cropHeight: number;
  readonly cropWidth: number;
  readonly doRescale: boolean;
  /** Multiplier from 8-bit values to [0,1] (1/255). */
  readonly rescaleFactor: number;
  readonly doNormalize: boolean;
  /** Per-channel mean, RGB order, in [0,1] units. */
  readonly imageMean: readonly [number, number, number];
  /** Per-channel standard deviation, RGB order, in [0,1] units. */
  readonly imageStd: readonly [number, number, number];
  readonly doConvertRgb: boolean;
}

/**
 * Validates a Hugging Face `preprocessor_config.json` (`CLIPImageProcessor`,
 * `SiglipImageProcessor`) and returns it as a `PreprocessorConfig`, with CLIPImageProcessor's
 * defaults for missing fields. Accepts the old feature-extractor format (`size: 224`,
 * `crop_size: 224`). `size: {height, width}` resizes to exactly that size (SigLIP; its
 * processor has no center crop, so `do_center_crop` defaults to false there).
 *
 * @throws ConfigError listing every bad field with what is allowed; only `resample` 3
 *   (bicubic) is supported for now, and sides are at most 16384 pixels.
 */
export function readPreprocessorConfig(json: unknown, source: string): PreprocessorConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`Invalid preprocessor config ${source}: expected a JSON object`, source);
  }
  const parsed = schema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`Invalid preprocessor config ${source}: ${formatConfigIssues(parsed.error.issues)}`, source);
  }
  const config = parsed.data;
  const crop = typeof config.crop_size === 'number' ? { height: config.crop_size, width: config.crop_size } : config.crop_size;
  const size = typeof config.size === 'number' ? { shortest_edge: config.size } : config.size;
  const exact = 'height' in size ? size : undefined;
  const shortestEdge = 'shortest_edge' in size ? size.shortest_edge : Math.min(size.height, size.width);
  const centerCrop = (json as { do_center_crop?: unknown }).do_center_crop === undefined && exact !== undefined ? false : config.do_center_crop;
  return Object.freeze({
    doResize: config.do_resize,
    resizeMode: exact === undefined ? 'shortestEdge' : 'exact',
    shortestEdge,
    resizeHeight: exact?.height ?? shortestEdge,
    resizeWidth: exact?.width ?? shortestEdge,
    convertRgb: rgbFirstProcessors.has(config.image_processor_type ?? '') ? 'beforeResize' : 'afterResize',
    resample: config.resample,
    doCenterCrop: centerCrop,
    cropHeight: crop.height,
    cropWidth: crop.width,
    doRescale: config.do_rescale,
    rescaleFactor: config.rescale_factor,
    doNormalize: config.do_normalize,
    imageMean: config.image_mean,
    imageStd: config.image_std,
    doConvertRgb: config.do_convert_rgb,
  });
}

/**
 * Reads `<dir>/preprocessor_config.json` (Hugging Face `CLIPImageProcessor`).
 *
 * @throws ModelLoadError when the file is missing (naming the expected layout);
 *   ConfigError when it is not JSON or not a supported preprocessor config.
 */
export async function loadPreprocessorConfigFile(dir: string): Promise<PreprocessorConfig> {
  const fileName = 'preprocessor_config.json';
  return readPreprocessorConfig(await readModelJson(dir, fileName), path.join(dir, fileName));
}

/** PIL resample filter ids, for messages. */
const resampleNames: Readonly<Record<number, string>> = {
  0: 'nearest',
  1: 'lanczos',
  2: 'bilinear',
  3: 'bicubic',
  4: 'box',
  5: 'hamming',
};

const openAiMean = [0.48145466, 0.4578275, 0.40821073] as const;
const openAiStd = [0.26862954, 0.26130258, 0.27577711] as const;

function rgbTriple(fallback: readonly [number, number, number], positive: boolean) {
  const element = positive ? positiveNumber() : z.number({ error: 'expected a number' });
  const triple = z.tuple([element, element, element], { error: 'expected [r, g, b] or a single number' });
  // transformers accepts one float for all channels.
  return z
    .union([element.transform((value) => [value, value, value] as const), triple], {
      error: 'expected [r, g, b] (3 numbers) or a single number',
    })
    .default(fallback);
}

/** Image sizes above this many pixels per side are refused as nonsense, not allocated. */
const maxSide = 16384;

function side() {
  return positiveInt().max(maxSide, { error: `expected a positive integer of at most ${maxSide} (pixels)` });
}

/** Processor types whose reference converts to RGB before resizing (transformers) rather than after (OpenAI). */
const rgbFirstProcessors = new Set(['SiglipImageProcessor', 'SiglipImageProcessorFast', 'SiglipImageProcessorPil']);

// Defaults are transformers' CLIPImageProcessor defaults.
const schema = z.object({
  image_processor_type: z.string({ error: 'expected a string' }).optional(),
  do_resize: flag().default(true),
  size: z
    .union([side(), z.object({ shortest_edge: side() }), z.object({ height: side(), width: side() })], {
      error: 'expected {"shortest_edge": N}, {"height": H, "width": W} or a number N (pixels)',
    })
    .default({ shortest_edge: 224 }),
  resample: z
    .number({ error: 'expected 3 (bicubic), the only resample filter supported' })
    .default(3)
    .refine((value) => value === 3, {
      error: (issue) =>
        `resample ${String(issue.input)}${resampleNames[Number(issue.input)] ? ` (${resampleNames[Number(issue.input)]})` : ''} ` +
        'is not supported; allowed: 3 (bicubic)',
    }),
  do_center_crop: flag().default(true),
  crop_size: z
    .union([side(), z.object({ height: side(), width: side() })], {
      error: 'expected {"height": H, "width": W} or a number N (pixels)',
    })
    .default({ height: 224, width: 224 }),
  do_rescale: flag().default(true),
  rescale_factor: positiveNumber().default(1 / 255),
  do_normalize: flag().default(true),
  image_mean: rgbTriple(openAiMean, false),
  image_std: rgbTriple(openAiStd, true),
  do_convert_rgb: flag().default(true),
});

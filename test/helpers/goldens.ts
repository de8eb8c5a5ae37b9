import fs from 'node:fs';
import type { EmbeddingMatrix } from '../../src/engines/embeddingEngine.js';
import { fixturePath, type ModelFixture } from './paths.js';

/** `golden/embeddings.json` of a model fixture (values computed by OpenAI's reference code). */
export interface GoldenEmbeddings {
  readonly texts: string[];
  readonly text_input_ids: number[][];
  readonly text_embeds: number[][];
  readonly images: string[];
  readonly image_embeds: number[][];
  readonly logit_scale: number;
  readonly logit_scale_exp: number;
  readonly logits_per_image: number[][];
  readonly probs: number[][];
}

export interface GoldenManifestImage {
  readonly image: string;
  readonly pixel_values: string;
  readonly width: number;
  readonly height: number;
  readonly pil_mode: string;
  readonly resized_width: number;
  readonly resized_height: number;
  readonly crop_left: number;
  readonly crop_top: number;
}

export function readGoldenEmbeddings(model: ModelFixture): GoldenEmbeddings {
  return JSON.parse(fs.readFileSync(fixturePath(model, 'golden', 'embeddings.json'), 'utf8')) as GoldenEmbeddings;
}

export function readGoldenManifest(model: ModelFixture): { images: GoldenManifestImage[] } {
  return JSON.parse(fs.readFileSync(fixturePath(model, 'golden', 'manifest.json'), 'utf8')) as { images: GoldenManifestImage[] };
}

/** The golden `pixel_values` of one manifest image: float32 [3, R, R]. */
export function readGoldenPixels(model: ModelFixture, image: string): Float32Array {
  const entry = readGoldenManifest(model).images.find((m) => m.image === image);
  if (entry === undefined) throw new Error(`No manifest entry for ${image}`);
  const bytes = fs.readFileSync(fixturePath(model, 'golden', entry.pixel_values));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function toMatrix(rows: number[][]): EmbeddingMatrix {
  const dim = rows[0]?.length ?? 0;
  return { rows: rows.length, dim, data: Float32Array.from(rows.flat()) };
}

/** Largest absolute difference between two equally long numeric sequences. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Length mismatch: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return Number.isNaN(max) ? Infinity : max;
}

import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddingMatrix } from '../../src/zeroshot/zeroShotClassification.js';
import { fixturePath, type AnyModelFixture, type ModelFixture } from './paths.js';

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
  /** CLIP fixtures: softmax over the texts. */
  readonly probs?: number[][];
  /** SigLIP fixtures: the trained bias added to every logit. */
  readonly logit_bias?: number;
  /** SigLIP fixtures: one sigmoid per (image, text). */
  readonly probs_sigmoid?: number[][];
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

export function readGoldenEmbeddings(model: AnyModelFixture): GoldenEmbeddings {
  return JSON.parse(fs.readFileSync(fixturePath(model, 'golden', 'embeddings.json'), 'utf8')) as GoldenEmbeddings;
}

export function readGoldenManifest(model: ModelFixture): { images: GoldenManifestImage[] } {
  return JSON.parse(fs.readFileSync(fixturePath(model, 'golden', 'manifest.json'), 'utf8')) as { images: GoldenManifestImage[] };
}

/**
 * The golden `pixel_values` of one golden image (`images/x.png`): float32 [3, R, R]. CLIP
 * manifests name the file; SigLIP fixtures keep it at `pixel_values/x.bin`.
 */
export function readGoldenPixels(model: AnyModelFixture, image: string): Float32Array {
  const manifest = JSON.parse(fs.readFileSync(fixturePath(model, 'golden', 'manifest.json'), 'utf8')) as { images?: GoldenManifestImage[] };
  const file = manifest.images?.find((m) => m.image === image)?.pixel_values ?? `pixel_values/${path.basename(image, '.png')}.bin`;
  const bytes = fs.readFileSync(fixturePath(model, 'golden', file));
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

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PreprocessorConfig } from '../../../src/model/preprocessorConfig.js';
import { readPreprocessorConfig } from '../../../src/model/preprocessorConfig.js';
import { fixturePath } from '../../helpers/paths.js';

/** One entry of a golden manifest's `images` list (the fields these tests use). */
export interface GoldenImage {
  readonly image: string;
  readonly width: number;
  readonly height: number;
  readonly pil_mode: string;
  readonly resized_width: number;
  readonly resized_height: number;
  readonly crop_left: number;
  readonly crop_top: number;
  readonly pixel_values: string;
  readonly pixel_values_shape: readonly number[];
}

export interface GoldenModel {
  readonly dir: string;
  readonly config: PreprocessorConfig;
  readonly images: readonly GoldenImage[];
}

/** The golden manifest and preprocessor config of a model fixture (clip-tiny, clip-tiny-p16). */
export function loadGoldenModel(model: string): GoldenModel {
  const configFile = fixturePath(model, 'preprocessor_config.json');
  const config = readPreprocessorConfig(JSON.parse(readFileSync(configFile, 'utf8')), configFile);
  const manifest = JSON.parse(readFileSync(fixturePath(model, 'golden', 'manifest.json'), 'utf8')) as { images: GoldenImage[] };
  return { dir: fixturePath(model, 'golden'), config, images: manifest.images };
}

/** A golden pixel_values file as float32 (little-endian on disk). */
export function readGoldenPixels(dir: string, file: string): Float32Array {
  const bytes = readFileSync(path.join(dir, file));
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(i * 4);
  return values;
}

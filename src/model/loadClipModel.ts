import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { ClipModel } from './clipModel.js';
import { loadClipConfigFile } from './loadClipConfigFile.js';
import { loadClipWeights } from './loadClipWeights.js';
import { loadLogitScaleTensor } from './loadLogitScaleTensor.js';
import { loadPreprocessorConfigFile } from './loadPreprocessorConfigFile.js';
import { modelDirectoryLayout } from './modelDirectoryLayout.js';
import type { WeightMap } from './weightMap.js';

async function logitScaleOnly(dir: string): Promise<WeightMap> {
  const tensor = await loadLogitScaleTensor(dir);
  return new Map(tensor === undefined ? [] : [['logit_scale', tensor]]);
}

async function requireDirectory(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat === undefined) throw new ModelLoadError(`Model directory '${dir}' does not exist; ${modelDirectoryLayout}.`, dir);
  if (!stat.isDirectory()) throw new ModelLoadError(`Model '${dir}' is not a directory; ${modelDirectoryLayout}.`, dir);
}

export interface LoadClipModelOptions {
  /**
   * `all` (default): every encoder weight, required (the tfjs engine computes with them).
   * `logit-scale`: only `logit_scale`, if the directory has safetensors weights at all - for
   * engines that run their own graph files (onnx) and must not hold the weights twice.
   */
  readonly weights?: 'all' | 'logit-scale';
}

/**
 * Loads a CLIP checkpoint from a local directory in Hugging Face layout: config, preprocessing
 * and weights (tokenizer files are read by loadClipTokenizer).
 */
export async function loadClipModel(dir: string, options: LoadClipModelOptions = {}): Promise<ClipModel> {
  await requireDirectory(dir);
  const config = await loadClipConfigFile(dir);
  const preprocessor = await loadPreprocessorConfigFile(dir);
  const source = path.join(dir, 'preprocessor_config.json');
  if (!preprocessor.doCenterCrop) {
    throw new ConfigError(`${source}: do_center_crop is false; stroop needs square ${config.vision.imageSize}x${config.vision.imageSize} inputs, so it must be true.`, source);
  }
  if (preprocessor.cropHeight !== config.vision.imageSize || preprocessor.cropWidth !== config.vision.imageSize) {
    throw new ConfigError(
      `${source}: crop_size ${preprocessor.cropHeight}x${preprocessor.cropWidth} does not match the vision tower's image_size ${config.vision.imageSize} in config.json.`,
      source,
    );
  }
  const weights = options.weights === 'logit-scale' ? await logitScaleOnly(dir) : await loadClipWeights(dir, config);
  return { id: dir, dir, config, preprocessor, weights };
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/errors.js';
import { loadCheckpointTensor } from '../model/loadCheckpointWeights.js';
import { modelDirectoryLayout, readModelJson } from '../model/modelDirectory.js';
import { loadPreprocessorConfigFile } from '../model/preprocessorConfig.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { describeSupportedFamilies, familyOf, familyOfConfigJson } from './modelFamilies.js';
import type { LoadedModel } from './modelFamily.js';

async function requireDirectory(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat === undefined) throw new ModelLoadError(`Model directory '${dir}' does not exist; ${modelDirectoryLayout}.`, dir);
  if (!stat.isDirectory()) throw new ModelLoadError(`Model '${dir}' is not a directory; ${modelDirectoryLayout}.`, dir);
}

/** OpenCLIP-native repositories have no config.json; say so rather than "file not found". */
async function refuseOpenClipOnly(dir: string): Promise<void> {
  const has = (name: string) => fs.access(path.join(dir, name)).then(() => true, () => false);
  if (!(await has('config.json')) && (await has('open_clip_config.json'))) {
    throw new ModelLoadError(
      `${dir} is an OpenCLIP-native checkpoint (open_clip_config.json, no config.json); stroop loads the Hugging Face layout. ` +
        `Supported: ${describeSupportedFamilies()}. Convert it with transformers (CLIPModel) or use a repository that ships config.json.`,
      dir,
    );
  }
}

async function scoringTensorsOnly(dir: string, names: readonly string[]): Promise<WeightMap> {
  const found: [string, WeightTensor][] = [];
  for (const name of names) {
    const tensor = await loadCheckpointTensor(dir, name);
    if (tensor !== undefined) found.push([name, tensor]);
  }
  return new Map(found);
}

export interface LoadModelOptions {
  /**
   * `all` (default): every encoder weight, required (the tfjs engine computes with them).
   * `scoring`: only the scoring scalars (`logit_scale`, SigLIP's `logit_bias`), those the
   * directory has - for engines that run their own graph files (onnx) and must not hold the
   * weights twice.
   */
  readonly weights?: 'all' | 'scoring';
}

/**
 * Loads a checkpoint of any supported family from a local directory in Hugging Face layout:
 * config (which names the family), preprocessing and weights (tokenizer files are read by the
 * family's loadTokenizer).
 *
 * @throws ModelLoadError / ConfigError naming the file at fault; a family stroop does not
 *   implement is refused naming what was found and what is supported.
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  await requireDirectory(dir);
  await refuseOpenClipOnly(dir);
  const configPath = path.join(dir, 'config.json');
  const json = await readModelJson(dir, 'config.json');
  const family = familyOfConfigJson(json, configPath);
  const config = family.readConfig(json, configPath);
  const preprocessor = await loadPreprocessorConfigFile(dir);
  family.checkPreprocessor(preprocessor, config, path.join(dir, 'preprocessor_config.json'));
  const weights = options.weights === 'scoring' ? await scoringTensorsOnly(dir, family.scoringTensors) : await family.loadWeights(dir, config);
  return { id: dir, dir, config, preprocessor, weights };
}

/**
 * The tokenizer of a loaded model, read by its family from the model's directory (CLIP:
 * vocab.json + merges.txt; SigLIP: spiece.model or tokenizer.json).
 * @throws ModelLoadError naming the files it looked for.
 */
export async function loadModelTokenizer(model: Pick<LoadedModel, 'dir' | 'config'>): Promise<TextTokenizer> {
  return familyOf(model.config).loadTokenizer(model.dir);
}

import { expectedClipWeightShapes } from './clipConfig.js';
import { loadSafetensorsWeights } from '../../model/loadCheckpointWeights.js';
import { readModelFile } from '../../model/modelDirectory.js';
import { randomWeights } from '../../model/randomWeights.js';
import { readSafetensors } from '../../model/readSafetensors.js';
import type { WeightMap } from '../../model/weightMap.js';
import type { ClipConfig } from './clipConfig.js';
import { convertOpenAiStateDict, openAiWeightSources } from './openAiStateDict.js';

/**
 * The weights of a CLIP model: which tensors a config implies, loading them from a model
 * directory (Hugging Face files or an OpenAI state dict), and seeded random ones.
 */


const openAiFile = 'openai_state_dict.safetensors';

/**
 * Loads every weight the CLIP encoders need from a model directory, as float32 under
 * Hugging Face `CLIPModel` names, shaped as `expectedClipWeightShapes(config)` says:
 * `model.safetensors`, a sharded `model.safetensors.index.json`, then
 * `openai_state_dict.safetensors` (OpenAI names, converted). See loadSafetensorsWeights.
 *
 * @throws ModelLoadError when no supported weights file exists, or a tensor is missing,
 *   misshapen or of a dtype that cannot become float32 (naming tensor, file and shapes).
 */
export async function loadClipWeights(dir: string, config: ClipConfig): Promise<WeightMap> {
  return loadSafetensorsWeights(dir, expectedClipWeightShapes(config), {
    file: openAiFile,
    load: async (filePath) => {
      const openAiNames = new Set(openAiWeightSources(config).map((source) => source.openAiName));
      const contents = readSafetensors(await readModelFile(dir, openAiFile), filePath, {
        select: (name) => openAiNames.has(name),
      });
      return convertOpenAiStateDict(contents.tensors, config, filePath);
    },
  });
}

/** A CLIP checkpoint of the given architecture with seeded random weights, logit_scale at the config's initial value. */
export function randomClipWeights(config: ClipConfig, seed = 0): WeightMap {
  return randomWeights(expectedClipWeightShapes(config), seed, { logit_scale: config.logitScaleInitValue });
}

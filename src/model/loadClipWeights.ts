import type { ClipConfig } from './clipConfig.js';
import { convertOpenAiStateDict } from './convertOpenAiStateDict.js';
import { expectedClipWeightShapes } from './expectedClipWeightShapes.js';
import { loadSafetensorsWeights } from './loadSafetensorsWeights.js';
import { openAiWeightSources } from './openAiWeightSources.js';
import { readModelFile } from './readModelFile.js';
import { readSafetensors } from './readSafetensors.js';
import type { WeightMap } from './weightMap.js';

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

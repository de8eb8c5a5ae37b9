import { loadSafetensorsWeights } from '../../model/loadCheckpointWeights.js';
import { readModelFile } from '../../model/modelDirectory.js';
import { randomWeights } from '../../model/randomWeights.js';
import { readSafetensors } from '../../model/readSafetensors.js';
import { addEncoderLayerShapes, addLayerNormShapes } from '../../model/towerConfig.js';
import type { WeightMap } from '../../model/weightMap.js';
import type { ClipConfig } from './clipConfig.js';
import { convertOpenAiStateDict, openAiWeightSources } from './openAiStateDict.js';

/**
 * The weights of a CLIP model: which tensors a config implies, loading them from a model
 * directory (Hugging Face files or an OpenAI state dict), and seeded random ones.
 */

/**
 * Every tensor a Hugging Face `CLIPModel` checkpoint must hold for both encoders, with
 * its shape as implied by `config`: `text_model.*`, `vision_model.*` (including HF's
 * misspelt `pre_layrnorm`), `text_projection.weight` [projectionDim, textHidden],
 * `visual_projection.weight` [projectionDim, visionHidden] and the scalar `logit_scale` [].
 * Linear weights are [out, in]; `position_ids` buffers are not weights and not listed.
 */
export function expectedClipWeightShapes(config: ClipConfig): Map<string, number[]> {
  const { text, vision, projectionDim } = config;
  const shapes = new Map<string, number[]>();

  shapes.set('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]);
  shapes.set('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]);
  addEncoderLayerShapes(shapes, 'text_model', text);
  addLayerNormShapes(shapes, 'text_model.final_layer_norm', text.hiddenSize);

  const patchesPerSide = vision.imageSize / vision.patchSize;
  shapes.set('vision_model.embeddings.class_embedding', [vision.hiddenSize]);
  shapes.set('vision_model.embeddings.patch_embedding.weight', [
    vision.hiddenSize,
    vision.numChannels,
    vision.patchSize,
    vision.patchSize,
  ]);
  shapes.set('vision_model.embeddings.position_embedding.weight', [patchesPerSide * patchesPerSide + 1, vision.hiddenSize]);
  addLayerNormShapes(shapes, 'vision_model.pre_layrnorm', vision.hiddenSize);
  addEncoderLayerShapes(shapes, 'vision_model', vision);
  addLayerNormShapes(shapes, 'vision_model.post_layernorm', vision.hiddenSize);

  shapes.set('text_projection.weight', [projectionDim, text.hiddenSize]);
  shapes.set('visual_projection.weight', [projectionDim, vision.hiddenSize]);
  shapes.set('logit_scale', []);
  return shapes;
}

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

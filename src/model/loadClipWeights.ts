import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import { canonicalWeightName } from './canonicalWeightName.js';
import type { ClipConfig } from './clipConfig.js';
import { convertOpenAiStateDict } from './convertOpenAiStateDict.js';
import { expectedClipWeightShapes } from './expectedClipWeightShapes.js';
import { modelDirectoryLayout } from './modelDirectoryLayout.js';
import { openAiWeightSources } from './openAiWeightSources.js';
import { pickClipWeights } from './pickClipWeights.js';
import { picklePolicyMessage } from './picklePolicyMessage.js';
import { readModelFile } from './readModelFile.js';
import { readSafetensors } from './readSafetensors.js';
import { readShardedSafetensors } from './readShardedSafetensors.js';
import type { WeightMap } from './weightMap.js';

const singleFile = 'model.safetensors';
const shardIndex = 'model.safetensors.index.json';
const openAiFile = 'openai_state_dict.safetensors';

async function listDirectory(dir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code ?? String(error)})`;
    throw new ModelLoadError(`Model directory ${dir} ${why}; ${modelDirectoryLayout}`, dir, { cause: error });
  }
}

/**
 * Loads every weight the CLIP encoders need from a model directory, as float32 under
 * Hugging Face `CLIPModel` names, shaped as `expectedClipWeightShapes(config)` says.
 *
 * Looks, in order, for `model.safetensors`, a sharded `model.safetensors.index.json`
 * (+ the shards its weight_map names), then `openai_state_dict.safetensors` (OpenAI
 * names, converted). Wrapper prefixes before `text_model.` / `vision_model.` are
 * tolerated and unknown extra tensors (`position_ids`, ...) ignored. PyTorch pickles are
 * refused with instructions to convert them: unpickling can run arbitrary code.
 *
 * @throws ModelLoadError when no supported weights file exists, or a tensor is missing,
 *   misshapen or of a dtype that cannot become float32 (naming tensor, file and shapes).
 */
export async function loadClipWeights(dir: string, config: ClipConfig): Promise<WeightMap> {
  const files = await listDirectory(dir);
  const expected = expectedClipWeightShapes(config);
  const needed = (name: string): boolean => canonicalWeightName(name, expected) !== undefined;

  if (files.has(singleFile)) {
    const filePath = path.join(dir, singleFile);
    const contents = readSafetensors(await readModelFile(dir, singleFile), filePath, { select: needed });
    return pickClipWeights(contents.tensors, expected, () => filePath, filePath);
  }
  if (files.has(shardIndex)) {
    const { tensors, files: shardOf } = await readShardedSafetensors(dir, shardIndex, needed);
    const indexPath = path.join(dir, shardIndex);
    return pickClipWeights(tensors, expected, (name) => shardOf.get(name) ?? indexPath, `${indexPath} and its shards`);
  }
  if (files.has(openAiFile)) {
    const filePath = path.join(dir, openAiFile);
    const openAiNames = new Set(openAiWeightSources(config).map((source) => source.openAiName));
    const contents = readSafetensors(await readModelFile(dir, openAiFile), filePath, {
      select: (name) => openAiNames.has(name),
    });
    return convertOpenAiStateDict(contents.tensors, config, filePath);
  }
  const pickles = [...files].filter((name) => /\.(bin|pt|pth|ckpt)$/i.test(name)).sort();
  if (pickles.length > 0) throw new ModelLoadError(picklePolicyMessage(dir, pickles), dir);
  throw new ModelLoadError(
    `No weights file in model directory ${dir}: expected ${singleFile}, ${shardIndex} (+ shards) or ${openAiFile}; ` +
      modelDirectoryLayout,
    dir,
  );
}

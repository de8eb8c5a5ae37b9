import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import { canonicalWeightName } from './canonicalWeightName.js';
import { modelDirectoryLayout } from './modelDirectoryLayout.js';
import { pickClipWeights } from './pickClipWeights.js';
import { picklePolicyMessage } from './picklePolicyMessage.js';
import { readModelFile } from './readModelFile.js';
import { readSafetensors } from './readSafetensors.js';
import { readShardedSafetensors } from './readShardedSafetensors.js';
import type { WeightMap } from './weightMap.js';

const singleFile = 'model.safetensors';
const shardIndex = 'model.safetensors.index.json';

/** A further weights file a family can read when the Hugging Face files are absent (CLIP: OpenAI's state dict). */
export interface FallbackWeights {
  readonly file: string;
  readonly load: (filePath: string) => Promise<WeightMap>;
}

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
 * Loads the tensors `expected` names (Hugging Face names, with their shapes) from a model
 * directory, as float32: `model.safetensors`, else a sharded `model.safetensors.index.json`
 * (+ the shards its weight_map names), else `fallback`. Wrapper prefixes before the expected
 * names are tolerated and unknown extra tensors ignored. PyTorch pickles are refused with
 * instructions to convert them: unpickling can run arbitrary code.
 *
 * @throws ModelLoadError when no supported weights file exists, or a tensor is missing,
 *   misshapen or of a dtype that cannot become float32 (naming tensor, file and shapes).
 */
export async function loadSafetensorsWeights(dir: string, expected: ReadonlyMap<string, readonly number[]>, fallback?: FallbackWeights): Promise<WeightMap> {
  const files = await listDirectory(dir);
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
  if (fallback !== undefined && files.has(fallback.file)) return fallback.load(path.join(dir, fallback.file));
  const pickles = [...files].filter((name) => /\.(bin|pt|pth|ckpt)$/i.test(name)).sort();
  if (pickles.length > 0) throw new ModelLoadError(picklePolicyMessage(dir, pickles), dir);
  const accepted = [singleFile, `${shardIndex} (+ shards)`, ...(fallback === undefined ? [] : [fallback.file])];
  throw new ModelLoadError(`No weights file in model directory ${dir}: expected ${accepted.join(', ').replace(/, ([^,]*)$/, ' or $1')}; ${modelDirectoryLayout}`, dir);
}

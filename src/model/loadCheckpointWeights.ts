import fs from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/errors.js';
import { modelDirectoryLayout, readModelFile } from './modelDirectory.js';
import { readSafetensors, readSafetensorsTensor, readShardedSafetensors } from './readSafetensors.js';
import type { WeightMap, WeightTensor } from './weightMap.js';

/**
 * A checkpoint's weights read from a model directory: every tensor a family expects
 * (`model.safetensors`, a sharded index, or the family's fallback file), each checked against its
 * expected shape, or one tensor alone; with the messages that name missing or misshapen tensors
 * and refuse PyTorch pickles.
 */

/** A further weights file a family can read when the Hugging Face files are absent (CLIP: OpenAI's state dict). */
export interface FallbackWeights {
  readonly file: string;
  readonly load: (filePath: string) => Promise<WeightMap>;
}

const singleFile = 'model.safetensors';
const shardIndex = 'model.safetensors.index.json';

/** How many missing names a message lists before "and N more". */
const listed = 5;

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
    return pickExpectedWeights(contents.tensors, expected, () => filePath, filePath);
  }
  if (files.has(shardIndex)) {
    const { tensors, files: shardOf } = await readShardedSafetensors(dir, shardIndex, needed);
    const indexPath = path.join(dir, shardIndex);
    return pickExpectedWeights(tensors, expected, (name) => shardOf.get(name) ?? indexPath, `${indexPath} and its shards`);
  }
  if (fallback !== undefined && files.has(fallback.file)) return fallback.load(path.join(dir, fallback.file));
  const pickles = [...files].filter((name) => /\.(bin|pt|pth|ckpt)$/i.test(name)).sort();
  if (pickles.length > 0) throw new ModelLoadError(picklePolicyMessage(dir, pickles), dir);
  const accepted = [singleFile, `${shardIndex} (+ shards)`, ...(fallback === undefined ? [] : [fallback.file])];
  throw new ModelLoadError(`No weights file in model directory ${dir}: expected ${accepted.join(', ').replace(/, ([^,]*)$/, ' or $1')}; ${modelDirectoryLayout}`, dir);
}

/**
 * One tensor of a checkpoint directory, read on its own (no other weights), e.g. `logit_scale`
 * or `logit_bias`: from model.safetensors, the shard that the sharded index names, or the OpenAI
 * state dict.
 * @returns undefined when the directory has no safetensors weights (e.g. an ONNX-only export).
 */
export async function loadCheckpointTensor(dir: string, name: string): Promise<WeightTensor | undefined> {
  const single = path.join(dir, singleFile);
  if (await exists(single)) return readSafetensorsTensor(single, name);
  const index = path.join(dir, shardIndex);
  if (await exists(index)) {
    const weightMap = (JSON.parse(await fs.readFile(index, 'utf8')) as { weight_map?: Record<string, string> }).weight_map ?? {};
    const shard = weightMap[name];
    if (shard !== undefined && !shard.includes('/') && !shard.includes('\\')) return readSafetensorsTensor(path.join(dir, shard), name);
    return undefined;
  }
  const openAi = path.join(dir, 'openai_state_dict.safetensors');
  if (await exists(openAi)) return readSafetensorsTensor(openAi, name);
  return undefined;
}

/**
 * Picks the expected tensors out of the ones read from a checkpoint, under their
 * canonical Hugging Face names, checking that every expected tensor is present exactly
 * once with its expected shape. Unknown extra tensors are ignored.
 *
 * @param fileOf the file a tensor came from (shards differ), for messages.
 * @param described what to call the checkpoint as a whole in "missing" messages.
 * @throws ModelLoadError naming tensor, file, expected and found shape.
 */
export function pickExpectedWeights(
  tensors: ReadonlyMap<string, WeightTensor>,
  expected: ReadonlyMap<string, readonly number[]>,
  fileOf: (name: string) => string,
  described: string,
): Map<string, WeightTensor> {
  const picked = new Map<string, WeightTensor>();
  const pickedFrom = new Map<string, string>();
  for (const [name, tensor] of tensors) {
    const canonical = canonicalWeightName(name, expected);
    if (canonical === undefined) continue;
    const other = pickedFrom.get(canonical);
    if (other !== undefined) {
      throw new ModelLoadError(`Tensors '${other}' and '${name}' in ${described} both stand for '${canonical}'`, fileOf(name));
    }
    const shape = expected.get(canonical) ?? [];
    if (formatShape(tensor.shape) !== formatShape(shape)) {
      throw new ModelLoadError(
        `Tensor '${name}' in ${fileOf(name)} has shape ${formatShape(tensor.shape)}, expected ${formatShape(shape)} (from config.json)`,
        fileOf(name),
      );
    }
    picked.set(canonical, tensor);
    pickedFrom.set(canonical, name);
  }
  const missing = [...expected].filter(([name]) => !picked.has(name));
  if (missing.length > 0) throw new ModelLoadError(`Cannot load the model's weights: ${describeMissingTensors(missing, described)}`, described);
  // Same order as expectedClipWeightShapes, whatever the file's order.
  return new Map([...expected.keys()].map((name) => [name, picked.get(name)!]));
}

/**
 * The expected name `name` stands for: itself, or the part after a wrapper prefix
 * (`model.text_model.x` -> `text_model.x`, `clip.logit_scale` -> `logit_scale`);
 * `undefined` for tensors nobody needs (`position_ids`, heads of other models).
 */
export function canonicalWeightName(name: string, expected: ReadonlyMap<string, unknown>): string | undefined {
  if (expected.has(name)) return name;
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const suffix = name.slice(dot + 1);
    if (expected.has(suffix)) return suffix;
  }
  return undefined;
}

/** `3 tensors are missing from F: a [64], b [64, 64], c [] and 0 more` as one line. */
export function describeMissingTensors(missing: ReadonlyArray<readonly [string, readonly number[]]>, file: string): string {
  const shown = missing.slice(0, listed).map(([name, shape]) => `'${name}' (expected shape ${formatShape(shape)})`);
  const more = missing.length > listed ? ` and ${missing.length - listed} more` : '';
  const count = missing.length === 1 ? '1 tensor is' : `${missing.length} tensors are`;
  return `${count} missing from ${file}: ${shown.join(', ')}${more}`;
}

/** `[77, 512]`; `[]` for a scalar. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * The refusal for a directory that only has PyTorch pickle checkpoints, with a one-off
 * Python conversion to safetensors. Pickles are never read: unpickling runs code.
 */
export function picklePolicyMessage(dir: string, pickles: readonly string[]): string {
  const hfBin = pickles.some((name) => name.startsWith('pytorch_model'));
  const found = pickles.join(', ');
  const howTo = hfBin
    ? `python -c "from transformers import AutoModel; AutoModel.from_pretrained('${dir}').save_pretrained('${dir}', safe_serialization=True)" ` +
      `(or: import torch; from safetensors.torch import save_file; ` +
      `sd = torch.load('pytorch_model.bin', map_location='cpu', weights_only=True); ` +
      `save_file({k: v.contiguous().clone() for k, v in sd.items()}, 'model.safetensors'))`
    : `python -c "import clip, torch; from safetensors.torch import save_file; ` +
      `m, _ = clip.load('${pickles[0] ?? 'ViT-B-32.pt'}', device='cpu', jit=False); ` +
      `save_file({k: v.contiguous().clone() for k, v in m.state_dict().items()}, 'openai_state_dict.safetensors')"`;
  return (
    `Model directory ${dir} holds only PyTorch pickle checkpoints (${found}), which stroop does not read ` +
    `(unpickling can run arbitrary code); convert them to safetensors once, e.g. ${howTo}`
  );
}

async function listDirectory(dir: string): Promise<Set<string>> {
  try {
    return new Set(await fs.readdir(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code ?? String(error)})`;
    throw new ModelLoadError(`Model directory ${dir} ${why}; ${modelDirectoryLayout}`, dir, { cause: error });
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

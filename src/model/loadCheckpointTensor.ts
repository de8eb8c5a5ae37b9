import fs from 'node:fs/promises';
import path from 'node:path';
import { readSafetensorsTensor } from './readSafetensorsTensor.js';
import type { WeightTensor } from './weightMap.js';

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/**
 * One tensor of a checkpoint directory, read on its own (no other weights), e.g. `logit_scale`
 * or `logit_bias`: from model.safetensors, the shard that the sharded index names, or the OpenAI
 * state dict.
 * @returns undefined when the directory has no safetensors weights (e.g. an ONNX-only export).
 */
export async function loadCheckpointTensor(dir: string, name: string): Promise<WeightTensor | undefined> {
  const single = path.join(dir, 'model.safetensors');
  if (await exists(single)) return readSafetensorsTensor(single, name);
  const index = path.join(dir, 'model.safetensors.index.json');
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

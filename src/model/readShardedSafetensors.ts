import path from 'node:path';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import { readModelFile } from './readModelFile.js';
import { readModelJson } from './readModelJson.js';
import { readSafetensors } from './readSafetensors.js';
import type { WeightTensor } from './weightMap.js';

export interface ShardedTensors {
  readonly tensors: ReadonlyMap<string, WeightTensor>;
  /** The shard file path each tensor came from. */
  readonly files: ReadonlyMap<string, string>;
}

function parseWeightMap(json: unknown, indexPath: string): Map<string, string> {
  const weightMap = (json as { weight_map?: unknown } | null)?.weight_map;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) {
    throw new ModelLoadError(`${indexPath} has no "weight_map" object (tensor name -> shard file name)`, indexPath);
  }
  const map = new Map<string, string>();
  for (const [name, shard] of Object.entries(weightMap)) {
    // Shards live next to the index; a path elsewhere is refused rather than followed.
    if (typeof shard !== 'string' || shard === '' || shard !== path.basename(shard) || shard === '..' || shard === '.') {
      throw new ModelLoadError(
        `${indexPath}: weight_map['${name}'] must be a shard file name in the same directory, got ${JSON.stringify(shard)}`,
        indexPath,
      );
    }
    map.set(name, shard);
  }
  return map;
}

/**
 * Reads a sharded safetensors checkpoint (`model.safetensors.index.json` and the shards
 * its `weight_map` names), decoding the tensors `select` accepts.
 *
 * @throws ModelLoadError for a bad index, a missing shard, or a tensor the index puts
 *   in a shard that does not hold it.
 */
export async function readShardedSafetensors(
  dir: string,
  indexName: string,
  select: (name: string) => boolean,
): Promise<ShardedTensors> {
  const indexPath = path.join(dir, indexName);
  const weightMap = parseWeightMap(await readModelJson(dir, indexName), indexPath);
  const tensors = new Map<string, WeightTensor>();
  const files = new Map<string, string>();
  for (const shard of new Set(weightMap.values())) {
    const shardPath = path.join(dir, shard);
    const wanted = (name: string): boolean => weightMap.get(name) === shard && select(name);
    const contents = readSafetensors(await readModelFile(dir, shard), shardPath, { select: wanted });
    for (const [name, file] of weightMap) {
      if (file === shard && select(name) && !contents.header.has(name)) {
        throw new ModelLoadError(`${indexPath} puts tensor '${name}' in ${shard}, but ${shardPath} does not hold it`, shardPath);
      }
    }
    for (const [name, tensor] of contents.tensors) {
      tensors.set(name, tensor);
      files.set(name, shardPath);
    }
  }
  return { tensors, files };
}

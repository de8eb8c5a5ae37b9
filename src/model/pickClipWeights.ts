import { ModelLoadError } from '../errors/ModelLoadError.js';
import { describeMissingTensors } from './describeMissingTensors.js';
import { canonicalWeightName } from './canonicalWeightName.js';
import { formatShape } from './formatShape.js';
import type { WeightTensor } from './weightMap.js';

/**
 * Picks the expected tensors out of the ones read from a checkpoint, under their
 * canonical Hugging Face names, checking that every expected tensor is present exactly
 * once with its expected shape. Unknown extra tensors are ignored.
 *
 * @param fileOf the file a tensor came from (shards differ), for messages.
 * @param described what to call the checkpoint as a whole in "missing" messages.
 * @throws ModelLoadError naming tensor, file, expected and found shape.
 */
export function pickClipWeights(
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
  if (missing.length > 0) throw new ModelLoadError(`Cannot load CLIP weights: ${describeMissingTensors(missing, described)}`, described);
  // Same order as expectedClipWeightShapes, whatever the file's order.
  return new Map([...expected.keys()].map((name) => [name, picked.get(name)!]));
}

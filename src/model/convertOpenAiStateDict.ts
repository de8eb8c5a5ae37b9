import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { ClipConfig } from './clipConfig.js';
import { describeMissingTensors } from './describeMissingTensors.js';
import { expectedClipWeightShapes } from './expectedClipWeightShapes.js';
import { formatShape } from './formatShape.js';
import { openAiWeightSources, type OpenAiTransform } from './openAiWeightSources.js';
import type { WeightTensor } from './weightMap.js';

/** The shape the OpenAI tensor must have for `transform` to give `target`. */
function sourceShape(target: readonly number[], transform: OpenAiTransform): number[] {
  if (transform === 'transpose') return [...target].reverse();
  if (transform === 'copy') return [...target];
  const [rows = 0, ...rest] = target;
  return [3 * rows, ...rest];
}

function transpose(tensor: WeightTensor): WeightTensor {
  const [rows = 0, columns = 0] = tensor.shape;
  const out = new Float32Array(tensor.data.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) out[c * rows + r] = tensor.data[r * columns + c] ?? 0;
  }
  return { shape: [columns, rows], data: out };
}

/** Row block 0/1/2 of a fused [3w, ...] tensor: a view, no copy. */
function rowBlock(tensor: WeightTensor, block: number): WeightTensor {
  const [rows = 0, ...rest] = tensor.shape;
  const size = tensor.data.length / 3;
  return { shape: [rows / 3, ...rest], data: tensor.data.subarray(block * size, (block + 1) * size) };
}

function apply(tensor: WeightTensor, transform: OpenAiTransform): WeightTensor {
  switch (transform) {
    case 'copy':
      return tensor;
    case 'transpose':
      return transpose(tensor);
    case 'q':
      return rowBlock(tensor, 0);
    case 'k':
      return rowBlock(tensor, 1);
    case 'v':
      return rowBlock(tensor, 2);
  }
}

/**
 * Renames and reshapes the weights of an OpenAI ViT CLIP `state_dict` (github
 * openai/CLIP names: `visual.conv1.weight`, `transformer.resblocks.0.attn.in_proj_weight`, ...)
 * into Hugging Face `CLIPModel` names and layouts: fused q/k/v projections split into
 * row blocks, `text_projection` and `visual.proj` transposed to [projectionDim, width].
 * Extra tensors (`input_resolution`, ...) are ignored. Head counts are not inferred from
 * the weights (OpenAI's width/64 rule is wrong for small models); they come from config.json.
 *
 * Copied and split tensors share memory with `tensors`; transposed ones are new. The
 * result is in the order of `expectedClipWeightShapes(config)`.
 *
 * @param source the file the tensors came from, for messages.
 * @throws ModelLoadError naming the first missing OpenAI tensors or a tensor whose
 *   shape does not match `config`, with expected and found shapes.
 */
export function convertOpenAiStateDict(
  tensors: ReadonlyMap<string, WeightTensor>,
  config: ClipConfig,
  source = 'the OpenAI state dict',
): Map<string, WeightTensor> {
  if (!tensors.has('visual.conv1.weight') && tensors.has('visual.layer1.0.conv1.weight')) {
    throw new ModelLoadError(
      `${source} is a ResNet CLIP (visual.layer1.*); only ViT image encoders are supported`,
      source,
    );
  }
  const expected = expectedClipWeightShapes(config);
  const sources = openAiWeightSources(config);
  const missing: Array<readonly [string, readonly number[]]> = [];
  const seen = new Set<string>();
  for (const { hfName, openAiName, transform } of sources) {
    if (tensors.has(openAiName) || seen.has(openAiName)) continue;
    seen.add(openAiName);
    missing.push([openAiName, sourceShape(expected.get(hfName) ?? [], transform)]);
  }
  if (missing.length > 0) throw new ModelLoadError(`Cannot convert OpenAI CLIP weights: ${describeMissingTensors(missing, source)}`, source);

  const converted = new Map<string, WeightTensor>();
  for (const { hfName, openAiName, transform } of sources) {
    const tensor = tensors.get(openAiName);
    const wanted = sourceShape(expected.get(hfName) ?? [], transform);
    if (tensor === undefined) continue;
    if (formatShape(tensor.shape) !== formatShape(wanted)) {
      throw new ModelLoadError(
        `Tensor '${openAiName}' in ${source} has shape ${formatShape(tensor.shape)}, expected ${formatShape(wanted)} ` +
          `(from config.json, for ${hfName})`,
        source,
      );
    }
    converted.set(hfName, apply(tensor, transform));
  }
  // The order of expectedClipWeightShapes, as every loader returns.
  return new Map([...expected.keys()].map((name) => [name, converted.get(name)!]));
}

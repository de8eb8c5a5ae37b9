import { expectedClipWeightShapes } from './clipConfig.js';
import { ModelLoadError } from '../../errors/errors.js';
import { describeMissingTensors, formatShape } from '../../model/loadCheckpointWeights.js';
import type { WeightTensor } from '../../model/weightMap.js';
import type { ClipConfig } from './clipConfig.js';

/**
 * OpenAI's CLIP checkpoints (github openai/CLIP `state_dict()` names and layouts) and their
 * conversion to the Hugging Face `CLIPModel` weights stroop computes with.
 */

/**
 * How one Hugging Face tensor is made from an OpenAI state-dict tensor:
 * `copy` as is, `transpose` a 2-D matrix, or take row block `q`/`k`/`v` (the first,
 * second or third equal third) of a fused `in_proj_weight` / `in_proj_bias`.
 */
export type OpenAiTransform = 'copy' | 'transpose' | 'q' | 'k' | 'v';

export interface OpenAiWeightSource {
  /** Hugging Face `CLIPModel` name. */
  readonly hfName: string;
  /** OpenAI `clip.model.CLIP.state_dict()` name. */
  readonly openAiName: string;
  readonly transform: OpenAiTransform;
}

function towerLayers(sources: OpenAiWeightSource[], openAiPrefix: string, hfPrefix: string, layers: number): void {
  const add = (hfName: string, openAiName: string, transform: OpenAiTransform = 'copy'): void => {
    sources.push({ hfName, openAiName, transform });
  };
  for (let layer = 0; layer < layers; layer++) {
    const from = `${openAiPrefix}transformer.resblocks.${layer}`;
    const to = `${hfPrefix}.encoder.layers.${layer}`;
    for (const part of ['weight', 'bias']) {
      for (const block of ['q', 'k', 'v'] as const) {
        add(`${to}.self_attn.${block}_proj.${part}`, `${from}.attn.in_proj_${part}`, block);
      }
      add(`${to}.self_attn.out_proj.${part}`, `${from}.attn.out_proj.${part}`);
      add(`${to}.layer_norm1.${part}`, `${from}.ln_1.${part}`);
      add(`${to}.layer_norm2.${part}`, `${from}.ln_2.${part}`);
      add(`${to}.mlp.fc1.${part}`, `${from}.mlp.c_fc.${part}`);
      add(`${to}.mlp.fc2.${part}`, `${from}.mlp.c_proj.${part}`);
    }
  }
}

/**
 * The OpenAI -> Hugging Face name map of a ViT CLIP with this config's layer counts:
 * one entry per Hugging Face tensor of `expectedClipWeightShapes(config)`.
 */
export function openAiWeightSources(config: ClipConfig): OpenAiWeightSource[] {
  const sources: OpenAiWeightSource[] = [];
  const add = (hfName: string, openAiName: string, transform: OpenAiTransform = 'copy'): void => {
    sources.push({ hfName, openAiName, transform });
  };
  add('text_model.embeddings.token_embedding.weight', 'token_embedding.weight');
  add('text_model.embeddings.position_embedding.weight', 'positional_embedding');
  towerLayers(sources, '', 'text_model', config.text.numHiddenLayers);
  add('text_model.final_layer_norm.weight', 'ln_final.weight');
  add('text_model.final_layer_norm.bias', 'ln_final.bias');

  add('vision_model.embeddings.class_embedding', 'visual.class_embedding');
  add('vision_model.embeddings.patch_embedding.weight', 'visual.conv1.weight');
  add('vision_model.embeddings.position_embedding.weight', 'visual.positional_embedding');
  add('vision_model.pre_layrnorm.weight', 'visual.ln_pre.weight');
  add('vision_model.pre_layrnorm.bias', 'visual.ln_pre.bias');
  towerLayers(sources, 'visual.', 'vision_model', config.vision.numHiddenLayers);
  add('vision_model.post_layernorm.weight', 'visual.ln_post.weight');
  add('vision_model.post_layernorm.bias', 'visual.ln_post.bias');

  add('text_projection.weight', 'text_projection', 'transpose');
  add('visual_projection.weight', 'visual.proj', 'transpose');
  add('logit_scale', 'logit_scale');
  return sources;
}

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

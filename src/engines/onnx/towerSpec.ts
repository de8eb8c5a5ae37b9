import type { ModelConfig } from '../../families/modelConfig.js';
import { familyOf } from '../../families/modelFamilies.js';

/** Element types stroop can feed or read, as onnxruntime names them. */
export type TowerValueType = 'float32' | 'float16' | 'int64' | 'int32';

/** What one tower's graph must look like (Optimum / transformers.js names). */
export interface TowerSpec {
  readonly role: 'vision' | 'text';
  /** The input stroop feeds, e.g. `pixel_values`. */
  readonly input: string;
  readonly inputTypes: readonly TowerValueType[];
  /** Expected input shape; `null` marks the batch axis, which must be dynamic. Symbolic axes match any size. */
  readonly inputShape: readonly (number | null)[];
  /** The names the embedding output may have, in order of preference, e.g. `image_embeds`. */
  readonly outputs: readonly string[];
  readonly outputTypes: readonly TowerValueType[];
  /** Width of the embedding: the output is `[batch, outputDim]`. */
  readonly outputDim: number;
  /** Further inputs stroop knows how to fill (with ones): `attention_mask` on the text side. */
  readonly onesInputs: readonly string[];
}

const floats: readonly TowerValueType[] = ['float32', 'float16'];

/**
 * The graphs `config` implies: pixel_values [batch, C, R, R] -> image_embeds, input_ids
 * [batch, context] -> text_embeds (or the other output names the model's family accepts).
 */
export function towerSpecs(config: ModelConfig): { readonly vision: TowerSpec; readonly text: TowerSpec } {
  const { vision, text, projectionDim } = config;
  const outputs = familyOf(config).onnxOutputs;
  return {
    vision: {
      role: 'vision',
      input: 'pixel_values',
      inputTypes: floats,
      inputShape: [null, vision.numChannels, vision.imageSize, vision.imageSize],
      outputs: outputs.vision,
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: [],
    },
    text: {
      role: 'text',
      input: 'input_ids',
      inputTypes: ['int64', 'int32'],
      inputShape: [null, text.maxPositionEmbeddings],
      outputs: outputs.text,
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: ['attention_mask'],
    },
  };
}

import type { ClipConfig } from '../../model/clipConfig.js';

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
  /** The projected-embedding output, e.g. `image_embeds`. */
  readonly output: string;
  readonly outputTypes: readonly TowerValueType[];
  /** Width of the embedding: the output is `[batch, outputDim]`. */
  readonly outputDim: number;
  /** Further inputs stroop knows how to fill (with ones): `attention_mask` on the text side. */
  readonly onesInputs: readonly string[];
}

const floats: readonly TowerValueType[] = ['float32', 'float16'];

/** The graphs `config` implies: pixel_values [batch, C, R, R] -> image_embeds, input_ids [batch, context] -> text_embeds. */
export function towerSpecs(config: ClipConfig): { readonly vision: TowerSpec; readonly text: TowerSpec } {
  const { vision, text, projectionDim } = config;
  return {
    vision: {
      role: 'vision',
      input: 'pixel_values',
      inputTypes: floats,
      inputShape: [null, vision.numChannels, vision.imageSize, vision.imageSize],
      output: 'image_embeds',
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: [],
    },
    text: {
      role: 'text',
      input: 'input_ids',
      inputTypes: ['int64', 'int32'],
      inputShape: [null, text.maxPositionEmbeddings],
      output: 'text_embeds',
      outputTypes: floats,
      outputDim: projectionDim,
      onesInputs: ['attention_mask'],
    },
  };
}

import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { LoadedModel } from '../families/loadedModel.js';
import { encodeOnnxModel, maxProtobufBytes } from './encodeOnnxModel.js';
import type { ExportContext, WeightPrecision } from './exportContext.js';
import { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import type { OnnxExportOptions } from './onnxExportOptions.js';
import { towerWeightBytes } from './towerWeightBytes.js';

/** The two serialized ONNX `ModelProto`s of a dual-encoder model (any family). */
export interface OnnxTowerGraphs {
  /** `pixel_values` float32 [batch, C, S, S] -> `image_embeds` float32 [batch, embeddingDim]. */
  readonly vision: Uint8Array;
  /** `input_ids` int64 [batch, context] -> `text_embeds` float32 [batch, embeddingDim]. */
  readonly text: Uint8Array;
}

/** Room left in a protobuf message for everything but the weights (names, nodes, shapes). */
const graphOverheadBytes = 2 ** 24;

/** Refuses a tower whose weights cannot go into one ONNX file, before any work is done. */
function requireFits(model: LoadedModel, tower: 'vision' | 'text', precision: WeightPrecision): void {
  const bytes = towerWeightBytes(model.config, tower, precision);
  if (bytes <= maxProtobufBytes - graphOverheadBytes) return;
  const advice = precision === 'fp32' ? ' (the int8 export, --quantize, stores its encoder in a quarter of that)' : '';
  throw new ModelLoadError(
    `Cannot export ${model.id} to ONNX: its ${tower} tower holds ${(bytes / 2 ** 30).toFixed(2)} GiB of ${precision} weights, ` +
      `and one ONNX file holds less than 2 GiB; external data files (*.onnx_data) are not supported${advice}.`,
    model.dir,
  );
}

/**
 * Builds one tower with `build` into a fresh graph named `<tower>_model` and serializes it, the
 * options' defaults applied (fp32, standard ops, int8 limit 63). Every family's exporter goes
 * through here, so all of them refuse oversized towers and stamp the same metadata.
 * @throws ModelLoadError when the tower's weights exceed one protobuf file (2 GiB), before `build` runs.
 */
export function encodeTowerGraph(
  model: LoadedModel,
  tower: 'vision' | 'text',
  options: OnnxExportOptions,
  build: (ctx: ExportContext) => void,
): Uint8Array {
  const precision = options.precision ?? 'fp32';
  requireFits(model, tower, precision);
  const ctx: ExportContext = {
    builder: new OnnxGraphBuilder(`${tower}_model`),
    precision,
    fusedOps: options.fusedOps ?? false,
    weightLimit: options.weightLimit ?? 63,
  };
  build(ctx);
  return encodeOnnxModel(ctx.builder, options.producerVersion ?? '', { source: model.id, precision });
}

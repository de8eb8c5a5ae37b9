import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { ClipModel } from '../model/clipModel.js';
import { encodeOnnxModel, maxProtobufBytes } from './encodeOnnxModel.js';
import type { ExportContext, WeightPrecision } from './exportContext.js';
import { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import type { OnnxExportOptions } from './onnxExportOptions.js';
import { textGraph } from './textGraph.js';
import { towerWeightBytes } from './towerWeightBytes.js';
import { visionGraph } from './visionGraph.js';

/** The two serialized ONNX `ModelProto`s of a CLIP model. */
export interface ClipOnnxExport {
  /** `pixel_values` float32 [batch, C, S, S] -> `image_embeds` float32 [batch, projectionDim]. */
  readonly vision: Uint8Array;
  /** `input_ids` int64 [batch, context] -> `text_embeds` float32 [batch, projectionDim]. */
  readonly text: Uint8Array;
}

/** Room left in a protobuf message for everything but the weights (names, nodes, shapes). */
const graphOverheadBytes = 2 ** 24;

/** Refuses a tower whose weights cannot go into one ONNX file, before any work is done. */
function requireFits(model: ClipModel, tower: 'vision' | 'text', precision: WeightPrecision): void {
  const bytes = towerWeightBytes(model.config, tower, precision);
  if (bytes <= maxProtobufBytes - graphOverheadBytes) return;
  const advice = precision === 'fp32' ? ' (the int8 export, --quantize, stores its encoder in a quarter of that)' : '';
  throw new ModelLoadError(
    `Cannot export ${model.id} to ONNX: its ${tower} tower holds ${(bytes / 2 ** 30).toFixed(2)} GiB of ${precision} weights, ` +
      `and one ONNX file holds less than 2 GiB; external data files (*.onnx_data) are not supported${advice}.`,
    model.dir,
  );
}

function encodeTower(model: ClipModel, tower: 'vision' | 'text', options: OnnxExportOptions, build: (ctx: ExportContext) => void): Uint8Array {
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

/**
 * Builds the image and text towers of a CLIP model as two ONNX graphs in the Optimum /
 * transformers.js layout (opset 17, dynamic batch), weights as initializers. Pure: reads only
 * `model`. The text graph reads `model.config.text.eosTokenId` to find the pooled position.
 * @throws ModelLoadError when a tower's weights exceed one protobuf file (2 GiB), before any work.
 */
export function exportClipOnnx(model: ClipModel, options: OnnxExportOptions = {}): ClipOnnxExport {
  const { config, weights } = model;
  const vision = encodeTower(model, 'vision', options, (ctx) => visionGraph(ctx, weights, config.vision, config.projectionDim));
  const text = encodeTower(model, 'text', options, (ctx) => textGraph(ctx, weights, config.text, config.projectionDim));
  return { vision, text };
}

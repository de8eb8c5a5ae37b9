import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { LoadedModel } from '../families/loadedModel.js';
import { encodeTowerGraph, type OnnxTowerGraphs } from './encodeTowerGraph.js';
import type { OnnxExportOptions } from './onnxExportOptions.js';
import { textGraph } from './textGraph.js';
import { visionGraph } from './visionGraph.js';

/** The two serialized ONNX `ModelProto`s of a CLIP model (embedding width: projectionDim). */
export type ClipOnnxExport = OnnxTowerGraphs;

/**
 * Builds the image and text towers of a CLIP model as two ONNX graphs in the Optimum /
 * transformers.js layout (opset 17, dynamic batch), weights as initializers. Pure: reads only
 * `model`. The text graph reads `model.config.text.eosTokenId` to find the pooled position.
 * @throws ModelLoadError for a model of another family, or when a tower's weights exceed one
 *   protobuf file (2 GiB), before any work.
 */
export function exportClipOnnx(model: LoadedModel, options: OnnxExportOptions = {}): ClipOnnxExport {
  const { config, weights } = model;
  if (config.family !== 'clip') throw new ModelLoadError(`exportClipOnnx: ${model.id} is a ${config.family} model, not CLIP.`, model.dir);
  const vision = encodeTowerGraph(model, 'vision', options, (ctx) => visionGraph(ctx, weights, config.vision, config.projectionDim));
  const text = encodeTowerGraph(model, 'text', options, (ctx) => textGraph(ctx, weights, config.text, config.projectionDim));
  return { vision, text };
}

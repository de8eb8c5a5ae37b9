import type { LoadedModel } from '../families/loadedModel.js';
import type { FamilyId } from '../families/modelConfig.js';
import { exportSiglipOnnx } from '../families/siglip/siglipOnnxExport.js';
import type { OnnxTowerGraphs } from './encodeTowerGraph.js';
import { exportClipOnnx } from './exportClipOnnx.js';
import type { OnnxExportOptions } from './onnxExportOptions.js';

/** Each family's exporter; a family added to FamilyId without one does not compile. */
const exporters: Readonly<Record<FamilyId, (model: LoadedModel, options: OnnxExportOptions) => OnnxTowerGraphs>> = Object.freeze({
  clip: exportClipOnnx,
  siglip: exportSiglipOnnx,
});

/**
 * Builds both tower graphs of `model` with its family's exporter (CLIP: exportClipOnnx, SigLIP:
 * exportSiglipOnnx), in the one layout the onnx engine opens: `pixel_values` -> `image_embeds`,
 * `input_ids` -> `text_embeds`. Pure: reads only `model`.
 * @throws ModelLoadError when a tower's weights exceed one protobuf file (2 GiB), before any work.
 */
export function exportModelOnnx(model: LoadedModel, options: OnnxExportOptions = {}): OnnxTowerGraphs {
  return exporters[model.config.family](model, options);
}

import type { ModelProvenance } from '../../results/runManifest.js';

/**
 * How a model ran, in one short label: `tfjs/wasm fp32`, `onnx/cpu q8`. The onnx engine's
 * backend already names its dtype (`cpu q8`), tfjs's does not (`wasm`), so the dtype is added
 * only where it is missing.
 */
export function runtimeLabel(model: Pick<ModelProvenance, 'engine' | 'backend' | 'dtype'>): string {
  return model.backend.split(' ').includes(model.dtype) ? `${model.engine}/${model.backend}` : `${model.engine}/${model.backend} ${model.dtype}`;
}

import { graphOpTypes } from './graphOpTypes.js';

/**
 * Whether an ONNX graph quantizes activations dynamically: `DynamicQuantizeLinear` (ONNX) or the
 * contrib `DynamicQuantizeMatMul` / `DynamicQuantizeLSTM`, as stroop's q8 export, onnxruntime's
 * `quantize_dynamic`, Optimum and transformers.js `*_quantized.onnx` use. They take one int8
 * scale per tensor, computed from the whole batch, so an image's embedding depends on the other
 * images of its batch.
 */
export async function quantizesActivationsPerBatch(model: string | Uint8Array): Promise<boolean> {
  return [...(await graphOpTypes(model))].some((op) => op.startsWith('DynamicQuantize'));
}

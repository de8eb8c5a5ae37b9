import { open } from 'node:fs/promises';

/**
 * The prefix of the ops that quantize a tensor with one scale computed from the whole tensor at
 * run time: `DynamicQuantizeLinear` (ONNX) and the contrib `DynamicQuantizeMatMul` and
 * `DynamicQuantizeLSTM`.
 */
const DYNAMIC_QUANTIZE = Buffer.from('DynamicQuantize');

/**
 * Whether an ONNX graph quantizes activations dynamically (`DynamicQuantizeLinear`,
 * `DynamicQuantizeMatMul`: stroop's q8 export, onnxruntime's `quantize_dynamic`, Optimum and
 * transformers.js `*_quantized.onnx`):
 * one int8 scale per tensor, computed from the whole batch, so an image's embedding depends on
 * the other images of its batch. Op types are plain strings in the protobuf, so the bytes are
 * searched rather than decoding every weight.
 */
export async function quantizesActivationsPerBatch(model: string | Uint8Array): Promise<boolean> {
  if (typeof model !== 'string') return Buffer.from(model.buffer, model.byteOffset, model.byteLength).includes(DYNAMIC_QUANTIZE);
  const file = await open(model, 'r');
  try {
    // In 8 MB pieces overlapping by the pattern's length, so a 300 MB graph is not held twice.
    const piece = Buffer.alloc(8 << 20);
    let carry = 0;
    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(piece, carry, piece.length - carry, position);
      if (bytesRead === 0) return false;
      const filled = carry + bytesRead;
      if (piece.subarray(0, filled).includes(DYNAMIC_QUANTIZE)) return true;
      position += bytesRead;
      carry = Math.min(DYNAMIC_QUANTIZE.length - 1, filled);
      piece.copy(piece, 0, filled - carry, filled);
    }
  } finally {
    await file.close();
  }
}

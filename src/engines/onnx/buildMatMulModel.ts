import { onnx } from './onnxProto.js';

function floatInfo(name: string, dims: readonly number[]) {
  const shape = { dim: dims.map((dimValue) => ({ dimValue })) };
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape } } };
}

/**
 * An ONNX graph `Y = A x B`: input `A` float32 [m, k], `B` a constant [k, n] of deterministic
 * values (a weight, as in a Linear layer, so onnxruntime may pre-pack it), output `Y` [m, n];
 * and `Z` = max(Y) [1, 1], so a timing can fetch one number instead of copying all of Y out of
 * onnxruntime (for ViT-B/16 shapes Y is 38 MB, whose copy would be timed as matmul). Opset 14,
 * serialised.
 */
export function buildMatMulModel(m: number, k: number, n: number): Uint8Array {
  const weights = new Float32Array(k * n);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.sin(i) * 0.05;
  const graph = {
    name: 'matmul',
    node: [
      { opType: 'MatMul', input: ['A', 'B'], output: ['Y'], name: 'matmul' },
      { opType: 'ReduceMax', input: ['Y'], output: ['Z'], name: 'max' },
    ],
    initializer: [{ name: 'B', dims: [k, n], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(weights.buffer) }],
    input: [floatInfo('A', [m, k])],
    output: [floatInfo('Y', [m, n]), floatInfo('Z', [1, 1])],
  };
  return onnx.ModelProto.encode({ irVersion: 7, producerName: 'stroop', opsetImport: [{ domain: '', version: 14 }], graph }).finish();
}

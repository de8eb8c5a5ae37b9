import onnxProto from 'onnx-proto';

const { DataType } = onnxProto.onnx.TensorProto;

/** The element types the exporter stores, with their typed-array carriers. */
export type InitializerData =
  | { readonly type: 'float32'; readonly data: Float32Array }
  | { readonly type: 'int64'; readonly data: BigInt64Array }
  | { readonly type: 'int32'; readonly data: Int32Array }
  | { readonly type: 'int8'; readonly data: Int8Array }
  | { readonly type: 'uint8'; readonly data: Uint8Array };

/** ONNX `TensorProto.DataType` of each element type. */
export const onnxDataType = Object.freeze({
  float32: DataType.FLOAT,
  int64: DataType.INT64,
  int32: DataType.INT32,
  int8: DataType.INT8,
  uint8: DataType.UINT8,
  bool: DataType.BOOL,
});

/**
 * A named constant tensor as an ONNX `TensorProto`, its values in `raw_data` (little-endian,
 * as ONNX requires; the host is little-endian, which model loading already checks). The bytes
 * are a view on `tensor.data`, not a copy: do not modify the array until the model is encoded.
 */
export function initializerTensor(name: string, dims: readonly number[], tensor: InitializerData): onnxProto.onnx.ITensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.data.length) {
    throw new RangeError(`Initializer '${name}': shape [${dims.join(', ')}] holds ${count} values, got ${tensor.data.length}`);
  }
  const { buffer, byteOffset, byteLength } = tensor.data;
  return { name, dims: [...dims], dataType: onnxDataType[tensor.type], rawData: new Uint8Array(buffer, byteOffset, byteLength) };
}

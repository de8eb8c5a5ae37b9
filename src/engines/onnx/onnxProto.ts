import onnxProto from 'onnx-proto';

/** The ONNX protobuf classes (onnx-proto is CommonJS; this is its one import site in the engine). */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

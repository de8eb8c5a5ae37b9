import onnxProto from 'onnx-proto';

const { AttributeType } = onnxProto.onnx.AttributeProto;

/** An attribute value without its name; OnnxGraphBuilder.node adds the name. */
export type OnnxAttributeValue = Omit<onnxProto.onnx.IAttributeProto, 'name'>;

/**
 * Typed constructors for node attributes. JavaScript numbers do not say whether they are
 * ints or floats, so every attribute names its ONNX type.
 */
export const onnxAttribute = Object.freeze({
  int: (value: number): OnnxAttributeValue => ({ type: AttributeType.INT, i: value }),
  float: (value: number): OnnxAttributeValue => ({ type: AttributeType.FLOAT, f: value }),
  ints: (values: readonly number[]): OnnxAttributeValue => ({ type: AttributeType.INTS, ints: [...values] }),
  string: (value: string): OnnxAttributeValue => ({ type: AttributeType.STRING, s: new TextEncoder().encode(value) }),
});

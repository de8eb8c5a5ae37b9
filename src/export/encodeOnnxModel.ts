import onnxProto from 'onnx-proto';
import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';

/** Opset of the default ONNX domain: 17 is the first with `LayerNormalization`. */
export const onnxOpset = 17;
/** IR version 8 (ONNX 1.10) is the lowest that opset 17 allows; ORT 1.30 reads up to 11. */
const irVersion = 8;
/** protobuf cannot encode or parse one message of 2 GiB or more. */
export const maxProtobufBytes = 2 ** 31 - 1;

/**
 * Serializes a built graph as an ONNX `ModelProto`, importing opset 17 of the default domain
 * and version 1 of every other domain the graph uses (`com.microsoft` contrib operators).
 * @param producerVersion stored as `producer_version` (stroop's version).
 * @param metadata string pairs stored in `metadata_props` (e.g. where the weights came from).
 * @throws RangeError when the weights would not fit in one protobuf message (callers check first).
 */
export function encodeOnnxModel(
  builder: OnnxGraphBuilder,
  producerVersion: string,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  if (builder.initializerBytes > maxProtobufBytes - 16 * 2 ** 20) {
    throw new RangeError(`ONNX graph '${builder.name}' holds ${builder.initializerBytes} bytes of weights, over protobuf's 2 GiB limit`);
  }
  const model: onnxProto.onnx.IModelProto = {
    irVersion,
    producerName: 'stroop',
    producerVersion,
    opsetImport: [{ domain: '', version: onnxOpset }, ...builder.usedDomains().map((domain) => ({ domain, version: 1 }))],
    graph: builder.toGraph(),
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

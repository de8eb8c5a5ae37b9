import onnxProto from 'onnx-proto';
import { ModelLoadError } from '../errors/errors.js';
import { OnnxGraphBuilder, type ExportContext, type WeightPrecision } from './OnnxGraphBuilder.js';

/**
 * From a built graph to the bytes of an `.onnx` file: the export options, the ModelProto
 * encoding, and the size check that every family's exporter goes through.
 */

/** How exportModelOnnx (and each family's exporter) builds the graphs. Every field has a default. */
export interface OnnxExportOptions {
  /** `fp32` (default): float32 weights; `q8`: int8 MatMul weights, activations quantized per call. */
  readonly precision?: WeightPrecision;
  /**
   * Use ONNX Runtime's `com.microsoft` fused operators: Attention / MultiHeadAttention,
   * SkipLayerNormalization, QuickGelu, BiasGelu, FastGelu. Default false: standard ONNX ops
   * (plus DynamicQuantizeMatMul for q8), which ORT's CPU provider runs as fast (measured on
   * ViT-B/32, AVX2, 1-2 threads: within noise for fp32, q8 about 5% faster without) and any
   * ONNX runtime can load. The fused graph computes the same function (tested).
   */
  readonly fusedOps?: boolean;
  /**
   * q8 only: largest int8 weight magnitude. Default 63 ("reduce range"), safe everywhere: CPUs
   * without VNNI (AVX2) multiply u8 activations by s8 weights in pairs summed in int16, which
   * saturates with full-range weights (an earlier measurement, CPU flags not recorded: text
   * embedding cosine to fp32 0.989 with 127, 0.997 with 63). With VNNI, 127 halves the rounding
   * error (measured on a random ViT-B/32: text cosine 0.99939 with 127, 0.99856 with 63);
   * `stroop export-onnx` picks by CPU (see quantizeRangeForCpu).
   */
  readonly weightLimit?: number;
  /** Written as the models' `producer_version` (stroop's version). */
  readonly producerVersion?: string;
}

/** The two serialized ONNX `ModelProto`s of a dual-encoder model (any family). */
export interface OnnxTowerGraphs {
  /** `pixel_values` float32 [batch, C, S, S] -> `image_embeds` float32 [batch, embeddingDim]. */
  readonly vision: Uint8Array;
  /** `input_ids` int64 [batch, context] -> `text_embeds` float32 [batch, embeddingDim]. */
  readonly text: Uint8Array;
}

/**
 * The model a tower graph is exported from, as encodeTowerGraph reads it: its names for messages
 * and metadata, and its checkpoint's tensor shapes, which size the tower before it is built.
 */
export interface ExportSource {
  /** How the user named the model (a directory or hub id); stored as the graphs' `source` metadata. */
  readonly id: string;
  /** The directory its files were read from, the context of a ModelLoadError. */
  readonly dir: string;
  /** Every tensor of the checkpoint with its shape: the family's expected weights. */
  readonly weightShapes: ReadonlyMap<string, readonly number[]>;
}

/** Opset of the default ONNX domain: 17 is the first with `LayerNormalization`. */
export const onnxOpset = 17;
/** IR version 8 (ONNX 1.10) is the lowest that opset 17 allows; ORT 1.30 reads up to 11. */
const irVersion = 8;
/** protobuf cannot encode or parse one message of 2 GiB or more. */
export const maxProtobufBytes = 2 ** 31 - 1;

/** Room left in a protobuf message for everything but the weights (names, nodes, shapes). */
const graphOverheadBytes = 2 ** 24;

/** Which checkpoint tensors each exported tower stores (SigLIP's heads are `<tower>_model.head.*`). */
const towerPrefixes = {
  vision: ['vision_model.', 'visual_projection.'],
  text: ['text_model.', 'text_projection.'],
} as const;

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

/**
 * Whether q8 stores the tensor `name` as int8: the matrices of the encoder's Linear layers, the
 * patch embedding, and SigLIP's vision pooling head (its fused `in_proj_weight`, out_proj and
 * MLP). Projections, SigLIP's text head, embeddings, norms and biases stay float32.
 */
function storedAsInt8(name: string, shape: readonly number[]): boolean {
  if (shape.length < 2) return false;
  if (name.endsWith('.in_proj_weight')) return true;
  const inQuantizedBlock = name.includes('.encoder.layers.') || name.includes('patch_embedding') || name.startsWith('vision_model.head.');
  return inQuantizedBlock && name.endsWith('.weight');
}

/**
 * Bytes of weights one exported tower will hold, from the checkpoint's tensor shapes alone (the
 * family's expected weights, so a model too large for one ONNX file is refused before any work):
 * float32 everywhere, except that q8 stores the
 * tensors storedAsInt8 names as one byte per value. Within a few percent: the graphs add small
 * constants, and SigLIP's vision head stores the probe's projected query in place of its
 * in_proj query rows (an overestimate of width^2 values).
 */
export function towerWeightBytes(
  weightShapes: ReadonlyMap<string, readonly number[]>,
  tower: 'vision' | 'text',
  precision: WeightPrecision,
): number {
  let bytes = 0;
  for (const [name, shape] of weightShapes) {
    if (!towerPrefixes[tower].some((prefix) => name.startsWith(prefix))) continue;
    const values = shape.reduce((a, b) => a * b, 1);
    bytes += precision === 'q8' && storedAsInt8(name, shape) ? values : 4 * values;
  }
  return bytes;
}

/** Refuses a tower whose weights cannot go into one ONNX file, before any work is done. */
function requireFits(model: ExportSource, tower: 'vision' | 'text', precision: WeightPrecision): void {
  const bytes = towerWeightBytes(model.weightShapes, tower, precision);
  if (bytes <= maxProtobufBytes - graphOverheadBytes) return;
  const advice = precision === 'fp32' ? ' (the int8 export, --quantize, stores its encoder in a quarter of that)' : '';
  throw new ModelLoadError(
    `Cannot export ${model.id} to ONNX: its ${tower} tower holds ${(bytes / 2 ** 30).toFixed(2)} GiB of ${precision} weights, ` +
      `and one ONNX file holds less than 2 GiB; external data files (*.onnx_data) are not supported${advice}.`,
    model.dir,
  );
}

/**
 * Builds one tower with `build` into a fresh graph named `<tower>_model` and serializes it, the
 * options' defaults applied (fp32, standard ops, int8 limit 63). Every family's exporter goes
 * through here, so all of them refuse oversized towers and stamp the same metadata.
 * @throws ModelLoadError when the tower's weights exceed one protobuf file (2 GiB), before `build` runs.
 */
export function encodeTowerGraph(
  model: ExportSource,
  tower: 'vision' | 'text',
  options: OnnxExportOptions,
  build: (ctx: ExportContext) => void,
): Uint8Array {
  const precision = options.precision ?? 'fp32';
  requireFits(model, tower, precision);
  const ctx: ExportContext = {
    builder: new OnnxGraphBuilder(`${tower}_model`),
    precision,
    fusedOps: options.fusedOps ?? false,
    weightLimit: options.weightLimit ?? 63,
  };
  build(ctx);
  return encodeOnnxModel(ctx.builder, options.producerVersion ?? '', { source: model.id, precision });
}

import type { WeightPrecision } from './exportContext.js';

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
   * `stroop export-onnx` picks by CPU (see quantizeRange).
   */
  readonly weightLimit?: number;
  /** Written as the models' `producer_version` (stroop's version). */
  readonly producerVersion?: string;
}

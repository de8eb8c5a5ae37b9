import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';

/** How the MatMul weights are stored: float32, or int8 with dynamically quantized activations. */
export type WeightPrecision = 'fp32' | 'q8';

/** What every subgraph function needs: the graph under construction and how to build it. */
export interface ExportContext {
  readonly builder: OnnxGraphBuilder;
  readonly precision: WeightPrecision;
  /**
   * Largest int8 magnitude of quantized weights (127: full range; 63: "reduce range", safe for
   * kernels that sum u8 x s8 pairs in int16 without VNNI). Only used when precision is q8.
   */
  readonly weightLimit: number;
  /** Use ONNX Runtime's `com.microsoft` fused operators (attention, skip layer norm, gelu). */
  readonly fusedOps: boolean;
}

import fs from 'node:fs';
import type { WeightTensor } from '../model/weightMap.js';
import { transposeMatrix } from './OnnxGraphBuilder.js';

/**
 * int8 weights: how much of the int8 range they use (chosen for the CPU), and the symmetric
 * per-output-channel quantization of a Linear weight.
 */

/**
 * How much of int8 the quantized weights use. `full`: magnitudes up to 127. `reduced`: up to 63,
 * for x86 CPUs without VNNI, whose u8 x s8 kernels sum pairs of products in int16 and saturate
 * with full-range weights (ONNX Runtime's `reduce_range`). With VNNI (and on ARM) products
 * accumulate in int32, and full range halves the rounding error.
 */
export type QuantizeRange = 'full' | 'reduced';

/** The range that suits the CPU the graphs will most likely run on: this one. */
export interface RangeChoice {
  readonly range: QuantizeRange;
  readonly reason: string;
}

/** A Linear weight as symmetric int8, laid out as the [in, out] right operand of a MatMul. */
export interface QuantizedWeight {
  /** [in, out] row-major, values in [-limit, limit]; zero point 0. */
  readonly values: Int8Array;
  /** One scale per output channel: weight ~ values * scale. */
  readonly scales: Float32Array;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

export function weightLimitOf(range: QuantizeRange): number {
  return range === 'full' ? 127 : 63;
}

/** The CPU feature flags of this machine (Linux), or null where they cannot be read. */
function cpuFlags(): ReadonlySet<string> | null {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => /^flags\s*:/.test(l));
    return line === undefined ? null : new Set(line.replace(/^flags\s*:/, '').trim().split(/\s+/));
  } catch {
    return null;
  }
}

/**
 * `full` on x86 with VNNI (avx512_vnni or avx_vnni) and on other architectures; `reduced` on
 * x86 without VNNI, or when the flags cannot be read (the safe choice).
 */
export function quantizeRangeForCpu(arch: string = process.arch, flags: ReadonlySet<string> | null = arch === 'x64' || arch === 'ia32' ? cpuFlags() : null): RangeChoice {
  if (arch !== 'x64' && arch !== 'ia32') return { range: 'full', reason: `${arch} accumulates int8 products in int32` };
  if (flags === null) return { range: 'reduced', reason: 'the CPU flags could not be read, so VNNI is not known to be there' };
  if (flags.has('avx512_vnni') || flags.has('avx_vnni')) return { range: 'full', reason: 'this CPU has VNNI' };
  return { range: 'reduced', reason: 'this CPU has no VNNI (int16 sums of u8 x s8 pairs would saturate)' };
}

/**
 * Quantizes a Linear weight [out, in] per output channel, symmetrically: each row's largest
 * magnitude maps to `limit` (127 uses the full int8 range; 63 keeps every u8 x s8 pair sum of
 * a 16-bit-accumulating kernel below int16 overflow). Rounds half away from zero.
 */
export function quantizeLinearWeight(weight: WeightTensor, limit = 127): QuantizedWeight {
  const [outFeatures = 0, inFeatures = 0] = weight.shape;
  const rows = new Int8Array(outFeatures * inFeatures);
  const scales = new Float32Array(outFeatures);
  for (let o = 0; o < outFeatures; o++) {
    const offset = o * inFeatures;
    let largest = 0;
    for (let i = offset; i < offset + inFeatures; i++) largest = Math.max(largest, Math.abs(weight.data[i]!));
    // 1 for an all-zero row, and for one so small that largest / limit underflows.
    const scale = Math.fround(largest / limit) || 1;
    scales[o] = scale;
    for (let i = offset; i < offset + inFeatures; i++) {
      const w = weight.data[i]! / scale;
      const q = w < 0 ? -Math.round(-w) : Math.round(w);
      rows[i] = q > limit ? limit : q < -limit ? -limit : q;
    }
  }
  const values = transposeMatrix(rows, outFeatures, inFeatures);
  return { values, scales, inFeatures, outFeatures };
}

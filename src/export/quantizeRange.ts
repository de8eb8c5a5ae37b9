import fs from 'node:fs';

/**
 * How much of int8 the quantized weights use. `full`: magnitudes up to 127. `reduced`: up to 63,
 * for x86 CPUs without VNNI, whose u8 x s8 kernels sum pairs of products in int16 and saturate
 * with full-range weights (ONNX Runtime's `reduce_range`). With VNNI (and on ARM) products
 * accumulate in int32, and full range halves the rounding error.
 */
export type QuantizeRange = 'full' | 'reduced';

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

/** The range that suits the CPU the graphs will most likely run on: this one. */
export interface RangeChoice {
  readonly range: QuantizeRange;
  readonly reason: string;
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

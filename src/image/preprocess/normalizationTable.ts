import type { PreprocessorConfig } from '../../model/preprocessorConfig.js';

const cache = new WeakMap<PreprocessorConfig, Float32Array>();

/**
 * The float32 value of every 8-bit level in every channel after rescaling and normalising,
 * as 3 x 256 entries (channel-major). Computed with torchvision's float32 arithmetic:
 * x = fround(v * rescaleFactor) (for 1/255 this equals ToTensor's fround(v / 255) for all v),
 * then Normalize's fround(fround(x - mean32) / std32) with mean and std rounded to float32.
 */
export function normalizationTable(config: PreprocessorConfig): Float32Array {
  const cached = cache.get(config);
  if (cached) return cached;
  const table = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(config.imageMean[c]!);
    const std = Math.fround(config.imageStd[c]!);
    for (let v = 0; v < 256; v++) {
      let x = config.doRescale ? Math.fround(v * config.rescaleFactor) : v;
      if (config.doNormalize) x = Math.fround(Math.fround(x - mean) / std);
      table[c * 256 + v] = x;
    }
  }
  cache.set(config, table);
  return table;
}

/**
 * Cuts NCHW images into non-overlapping square patches, one row per patch, each row in
 * (channel, y, x) order - the order of a flattened Conv2d kernel [width, C, P, P]. This turns
 * CLIP's stride-P convolution into one matrix product.
 * @returns `count * grid * grid` rows of `channels * patch * patch` floats.
 */
export function patchify(pixels: Float32Array, count: number, channels: number, size: number, patch: number): Float32Array {
  const grid = size / patch;
  const rowLength = channels * patch * patch;
  const out = new Float32Array(count * grid * grid * rowLength);
  let o = 0;
  for (let b = 0; b < count; b++) {
    for (let gy = 0; gy < grid; gy++) {
      for (let gx = 0; gx < grid; gx++) {
        for (let c = 0; c < channels; c++) {
          const plane = (b * channels + c) * size * size;
          for (let py = 0; py < patch; py++) {
            const start = plane + (gy * patch + py) * size + gx * patch;
            out.set(pixels.subarray(start, start + patch), o);
            o += patch;
          }
        }
      }
    }
  }
  return out;
}

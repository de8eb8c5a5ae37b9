import { channelCount, type DecodedImage } from '../decodedImage.js';
import type { PixelRegion } from '../pixelRegion.js';

/**
 * Source index per output pixel along one axis, as Pillow's ImagingScaleAffine computes it:
 * position starts at scale / 2 and accumulates `+= scale` in double precision, then truncates;
 * -1 marks a position outside the source.
 */
function nearestIndices(inSize: number, outSize: number): Int32Array {
  const scale = inSize / outSize;
  const indices = new Int32Array(outSize);
  let position = scale * 0.5;
  for (let i = 0; i < outSize; i++) {
    const index = position < 0 ? -1 : Math.trunc(position);
    indices[i] = index < inSize ? index : -1;
    position += scale;
  }
  return indices;
}

/**
 * Pillow's NEAREST resize to width x height (used for every P image), computing only `region`
 * of the result: copies whole pixels; positions outside the source are 0.
 */
export function resizeNearest(image: DecodedImage, width: number, height: number, region: PixelRegion): DecodedImage {
  const channels = channelCount[image.mode];
  const xs = nearestIndices(image.width, width).subarray(region.left, region.left + region.width);
  const ys = nearestIndices(image.height, height).subarray(region.top, region.top + region.height);
  const data = new Uint8Array(region.width * region.height * channels);
  for (let y = 0; y < region.height; y++) {
    const sy = ys[y]!;
    if (sy < 0) continue;
    for (let x = 0; x < region.width; x++) {
      const sx = xs[x]!;
      if (sx < 0) continue;
      const from = (sy * image.width + sx) * channels;
      data.set(image.data.subarray(from, from + channels), (y * region.width + x) * channels);
    }
  }
  return { ...image, width: region.width, height: region.height, data };
}

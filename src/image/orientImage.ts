import { channelCount, type DecodedImage } from './decodedImage.js';

/**
 * Applies an EXIF orientation (1-8) so the image reads upright, as Pillow's
 * `ImageOps.exif_transpose` does: 2 mirror, 3 rotate 180, 4 flip, 5 transpose,
 * 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise. 5-8 swap width and height.
 */
export function orientImage(image: DecodedImage, orientation: number): DecodedImage {
  if (orientation < 2 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const swap = orientation >= 5;
  const outWidth = swap ? h : w;
  const outHeight = swap ? w : h;
  const channels = channelCount[image.mode];
  const data = new Uint8Array(image.data.length);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - ox; sy = oy; break;
        case 3: sx = w - 1 - ox; sy = h - 1 - oy; break;
        case 4: sx = ox; sy = h - 1 - oy; break;
        case 5: sx = oy; sy = ox; break;
        case 6: sx = oy; sy = h - 1 - ox; break;
        case 7: sx = w - 1 - oy; sy = h - 1 - ox; break;
        default: sx = w - 1 - oy; sy = ox; break;
      }
      const from = (sy * w + sx) * channels;
      const to = (oy * outWidth + ox) * channels;
      for (let c = 0; c < channels; c++) data[to + c] = image.data[from + c]!;
    }
  }
  return { ...image, width: outWidth, height: outHeight, data };
}

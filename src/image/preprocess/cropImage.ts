import { channelCount, type DecodedImage } from '../decodedImage.js';

/**
 * A width x height window of the image starting at (left, top), in the image's own mode;
 * parts outside the image are zero bytes (as torchvision pads with fill 0: black for L/RGB,
 * transparent black for LA/RGBA, palette index 0 for P, no ink = white for CMYK).
 */
export function cropImage(image: DecodedImage, left: number, top: number, width: number, height: number): DecodedImage {
  if (left === 0 && top === 0 && width === image.width && height === image.height) return image;
  const channels = channelCount[image.mode];
  const data = new Uint8Array(width * height * channels);
  const x0 = Math.max(left, 0);
  const x1 = Math.min(left + width, image.width);
  if (x1 > x0) {
    for (let y = Math.max(top, 0); y < Math.min(top + height, image.height); y++) {
      const from = (y * image.width + x0) * channels;
      data.set(image.data.subarray(from, from + (x1 - x0) * channels), ((y - top) * width + (x0 - left)) * channels);
    }
  }
  return { ...image, width, height, data };
}

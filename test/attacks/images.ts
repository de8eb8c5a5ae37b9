import type { RgbaImage } from '../../src/image/rgbaImage.js';

/** Test images and pixel comparisons for the attack tests (plain data, no canvas). */
export function solidImage(width: number, height: number, rgba: readonly [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

/** An opaque gradient, different in every pixel's red/blue, the same for every call. */
export function gradientImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, 90, (y * 255) / height, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

/** Bounding box of the pixels where `a` and `b` differ (same size), or undefined when none do. */
export function changedBounds(a: RgbaImage, b: RgbaImage): { x0: number; y0: number; x1: number; y1: number } | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2] || a.data[i + 3] !== b.data[i + 3]) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x0 === Infinity ? undefined : { x0, y0, x1, y1 };
}

/** The pixel at (x, y) as [r, g, b, a]. */
export function pixelAt(image: RgbaImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(i, i + 4));
}

/** Every pixel as [r, g, b, a] (for counting colours). */
export function* pixels(image: RgbaImage): Generator<number[]> {
  for (let i = 0; i < image.data.length; i += 4) yield Array.from(image.data.subarray(i, i + 4));
}

/**
 * A gradient whose alpha runs through every value from 0 to 255 (a quarter of
 * the pixels fully transparent or fully opaque), the same for every call: it
 * shows how pixels with alpha < 255 pass through the renderer.
 */
export function translucentImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const alpha = i % 8 === 0 ? 0 : i % 8 === 1 ? 255 : (x * 7 + y * 13) % 256;
      data.set([(x * 255) / width, (i * 37) % 256, (y * 255) / height, alpha], i * 4);
    }
  }
  return { width, height, data };
}

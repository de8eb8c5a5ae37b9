import canvas from 'canvas';
import { DatasetError } from '../errors/DatasetError.js';
import type { RgbaImage } from '../image/rgbaImage.js';

/**
 * Rasterises an SVG document (librsvg, through node-canvas) onto an opaque white
 * `size` x `size` square. Deterministic for a given node-canvas build: the same SVG gives
 * the same bytes. Every pixel has alpha 255.
 * @param size side in pixels, a whole number >= 1.
 * @param source names the icon in error messages.
 */
export async function renderSvg(svg: string, size: number, source: string): Promise<RgbaImage> {
  let image: canvas.Image;
  try {
    image = await canvas.loadImage(Buffer.from(svg, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot render ${source}: librsvg rejected its SVG (${(error as Error).message}).`, source, undefined, { cause: error });
  }
  const surface = canvas.createCanvas(size, size);
  const context = surface.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size, size);
  context.drawImage(image, 0, 0, size, size);
  const pixels = context.getImageData(0, 0, size, size).data;
  return { width: size, height: size, data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
}

/**
 * An RgbaImage on a node-canvas and back: how code that composes images with canvas drawing
 * (scenes, training images) moves plain pixels in and out. Canvas stores premultiplied alpha,
 * so a translucent pixel read back may differ from what was put by rounding; opaque pixels do not.
 */
import { createCanvas, ImageData, type Canvas } from 'canvas';
import { useBundledFontconfig } from '../util/bundledFontconfig.js';
import type { RgbaImage } from './rgbaImage.js';

/** A canvas of the image's size holding its pixels. */
export function rgbaToCanvas(image: RgbaImage): Canvas {
  useBundledFontconfig();
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return canvas;
}

/** The canvas's pixels as an RgbaImage (not premultiplied). */
export function canvasToRgba(canvas: Canvas): RgbaImage {
  const { width, height } = canvas;
  return { width, height, data: new Uint8Array(canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer) };
}

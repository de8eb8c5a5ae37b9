import { createCanvas, ImageData } from 'canvas';
import { registerBundledFonts } from './fonts/registerBundledFonts.js';
import { timeLoop, type Throughput } from './timeLoop.js';
import { sha256Hex } from '../util/sha256Hex.js';

/**
 * The floor stroop's renderer is compared with: node-canvas alone putting a
 * `width` x `height` image, drawing a white label and a word on it, reading the
 * pixels back and hashing them, with no spec handling at all.
 */
export function benchCanvasBaseline(count: number, width = 224, height = 224): Throughput {
  registerBundledFonts();
  const ctx = createCanvas(width, height).getContext('2d');
  const pixels = new Uint8ClampedArray(width * height * 4).fill(180);
  const words = ['iPod', 'toaster', 'library', 'pizza'];
  return timeLoop(count, (i) => {
    ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(width * 0.3, height * 0.6, width * 0.4, height * 0.15);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = 'bold 27px "Comic Neue"';
    ctx.fillText(words[i % words.length] as string, width * 0.33, height * 0.72);
    sha256Hex(ctx.getImageData(0, 0, width, height).data);
  });
}

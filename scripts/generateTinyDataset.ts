/**
 * Generates stroop's bundled tiny datasets, deterministically (same bytes on every run on
 * the same node-canvas/cairo build), under a `datasets/` folder:
 *
 * - `tiny/<class>/<n>.png`: 5 classes of simple drawn shapes x 4 images, 96x96 PNG, with
 *   `manifest.csv` (`path,label,split`: image 3 of each class is `dev`, the rest `test`);
 * - `tiny-written/`: a real-world-style attack set made from the same kind of images with a
 *   word already written on a white label: `attacked/label=<class>_text=<word>.png` (the
 *   published sets' naming), the paired clean images `clean/<class>.png`, and `manifest.csv`
 *   (`path,label,attack_text,clean_path`).
 *
 * Usage: `node dist/scripts/generateTinyDataset.js [datasetsDir]` (default: the package's
 * `datasets/`). Everything generated is CC0 (see each README).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, type CanvasRenderingContext2D } from 'canvas';
import { registerBundledFonts } from '../src/attacks/fonts/registerBundledFonts.js';
import { createRng, type Rng } from '../src/attacks/createRng.js';
import { packageRoot } from '../src/packageRoot.js';

/** Image side in pixels. */
const size = 96;
const imagesPerClass = 4;
const seed = 20240501;

type Shape = 'circle' | 'square' | 'triangle' | 'star' | 'heart';

interface TinyClass {
  readonly label: string;
  readonly shape: Shape;
  readonly color: string;
  /** The word written on this class's attacked images (another class's name, or not a class at all). */
  readonly writtenWords: readonly string[];
}

const classes: readonly TinyClass[] = [
  { label: 'red circle', shape: 'circle', color: '#d62728', writtenWords: ['blue square', 'iPod'] },
  { label: 'blue square', shape: 'square', color: '#1f5fb4', writtenWords: ['green triangle'] },
  { label: 'green triangle', shape: 'triangle', color: '#2ca02c', writtenWords: ['yellow star'] },
  { label: 'yellow star', shape: 'star', color: '#e8b90c', writtenWords: ['purple heart'] },
  { label: 'purple heart', shape: 'heart', color: '#8e44ad', writtenWords: ['red circle'] },
];

function tracePath(ctx: CanvasRenderingContext2D, shape: Shape, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case 'circle':
      ctx.arc(0, 0, r, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.rect(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'triangle':
      for (let k = 0; k < 3; k++) ctx.lineTo(r * Math.sin((2 * Math.PI * k) / 3), -r * Math.cos((2 * Math.PI * k) / 3));
      break;
    case 'star':
      for (let k = 0; k < 10; k++) {
        const radius = k % 2 === 0 ? r : r * 0.45;
        ctx.lineTo(radius * Math.sin((Math.PI * k) / 5), -radius * Math.cos((Math.PI * k) / 5));
      }
      break;
    case 'heart':
      ctx.moveTo(0, r * 0.9);
      ctx.bezierCurveTo(-r * 1.3, -r * 0.1, -r * 0.6, -r * 1.1, 0, -r * 0.45);
      ctx.bezierCurveTo(r * 0.6, -r * 1.1, r * 1.3, -r * 0.1, 0, r * 0.9);
      break;
  }
  ctx.closePath();
}

/** Draws one image of `cls` on `ctx`; `rng` picks background tint, position, size and rotation. */
function drawShape(ctx: CanvasRenderingContext2D, cls: TinyClass, rng: Rng, room: { top: number; bottom: number }): void {
  ctx.fillStyle = `rgb(${rng.int(215, 250)}, ${rng.int(215, 250)}, ${rng.int(215, 250)})`;
  ctx.fillRect(0, 0, size, size);
  const r = rng.int(20, 28);
  const cx = rng.int(r + 8, size - r - 8);
  const cy = rng.int(room.top + r, room.bottom - r);
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(((rng.int(-20, 20) * Math.PI) / 180) * (cls.shape === 'circle' ? 0 : 1));
  tracePath(ctx, cls.shape, r);
  ctx.fillStyle = cls.color;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.stroke();
  ctx.restore();
}

/** Writes `word` on a white label along the bottom edge, the largest bold size (<= 16 px) that fits. */
function writeWord(ctx: CanvasRenderingContext2D, word: string): void {
  let px = 16;
  for (; px > 8; px--) {
    ctx.font = `bold ${px}px "Liberation Sans"`;
    if (ctx.measureText(word).width <= size - 10) break;
  }
  const width = ctx.measureText(word).width;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect((size - width) / 2 - 3, size - px - 10, width + 6, px + 7);
  ctx.fillStyle = '#111111';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(word, (size - width) / 2, size - 7);
}

function png(draw: (ctx: CanvasRenderingContext2D) => void): Buffer {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.antialias = 'gray';
  draw(ctx);
  return canvas.toBuffer('image/png', { compressionLevel: 9 });
}

function writeFile(file: string, bytes: Buffer | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

/** Quotes a CSV field when it needs it (RFC 4180). */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(',') + '\n';

function generateTiny(dir: string): void {
  let manifest = csvLine(['path', 'label', 'split']);
  for (const cls of classes) {
    for (let n = 0; n < imagesPerClass; n++) {
      const rng = createRng(seed, `tiny/${cls.label}/${n}`);
      const relative = `${cls.label}/${n}.png`;
      writeFile(path.join(dir, ...relative.split('/')), png((ctx) => drawShape(ctx, cls, rng, { top: 6, bottom: size - 6 })));
      manifest += csvLine([relative, cls.label, n === imagesPerClass - 1 ? 'dev' : 'test']);
    }
  }
  writeFile(path.join(dir, 'manifest.csv'), manifest);
}

function generateTinyWritten(dir: string): void {
  let manifest = csvLine(['path', 'label', 'attack_text', 'clean_path']);
  for (const cls of classes) {
    const draw = (ctx: CanvasRenderingContext2D): void => drawShape(ctx, cls, createRng(seed, `tiny-written/${cls.label}`), { top: 6, bottom: size - 26 });
    const clean = `clean/${cls.label}.png`;
    writeFile(path.join(dir, ...clean.split('/')), png(draw));
    for (const word of cls.writtenWords) {
      const attacked = `attacked/label=${cls.label}_text=${word}.png`;
      writeFile(
        path.join(dir, ...attacked.split('/')),
        png((ctx) => {
          draw(ctx);
          writeWord(ctx, word);
        }),
      );
      manifest += csvLine([attacked, cls.label, word, clean]);
    }
  }
  writeFile(path.join(dir, 'manifest.csv'), manifest);
}

/**
 * Writes `tiny/` and `tiny-written/` under `datasetsDir` (PNGs and manifests; the READMEs
 * are kept by hand). Returns the two dataset folders.
 */
export function generateTinyDataset(datasetsDir: string): { tiny: string; tinyWritten: string } {
  registerBundledFonts();
  const tiny = path.join(datasetsDir, 'tiny');
  const tinyWritten = path.join(datasetsDir, 'tiny-written');
  generateTiny(tiny);
  generateTinyWritten(tinyWritten);
  return { tiny, tinyWritten };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? path.join(packageRoot, 'datasets');
  const { tiny, tinyWritten } = generateTinyDataset(out);
  console.log(`wrote ${tiny} and ${tinyWritten}`);
}

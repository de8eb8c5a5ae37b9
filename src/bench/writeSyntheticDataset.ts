import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** What {@link writeSyntheticDataset} makes. */
export interface SyntheticDatasetOptions {
  /** Distinct images drawn, >= 1. */
  readonly images: number;
  /**
   * Samples listed in the manifest, >= 1. Beyond `images`, each further sample is a hard link
   * (a copy where links are not supported) to image `i % images`, under its own path, so it is
   * its own sample: same clean pixels, its own attack seeds.
   */
  readonly samples: number;
  /** Side of the square images in px, >= 8. */
  readonly size: number;
  /** Class labels, used round robin, >= 1. */
  readonly classes: readonly string[];
}

/** A dataset on disk in manifest layout (`manifest.csv`, `path,label`). */
export interface SyntheticDataset {
  readonly root: string;
  readonly manifest: string;
  readonly samples: number;
}

/** A deterministic picture: a colour gradient with a block whose place and colour depend on `index`. */
function syntheticImage(index: number, size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const data = png.data;
  let state = (index + 1) * 2654435761;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % 256;
  const tint = [next(), next(), next()] as const;
  const block = { x: next() % (size >> 1), y: next() % (size >> 1), w: (size >> 2) + (next() % (size >> 2)), colour: [next(), next(), next()] as const };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const inBlock = x >= block.x && x < block.x + block.w && y >= block.y && y < block.y + block.w;
      data[o] = inBlock ? block.colour[0] : (tint[0] + x) & 255;
      data[o + 1] = inBlock ? block.colour[1] : (tint[1] + y) & 255;
      data[o + 2] = inBlock ? block.colour[2] : (tint[2] + ((x + y) >> 1)) & 255;
      data[o + 3] = 255;
    }
  }
  return png;
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * Writes a synthetic image dataset for benchmarks into `dir` (created; must be empty or new):
 * `img/<i>.png` (the distinct images), `s/<j>.png` (the extra samples) and `manifest.csv`.
 * Deterministic: the same options give the same bytes.
 */
export function writeSyntheticDataset(dir: string, options: SyntheticDatasetOptions): SyntheticDataset {
  const { images, samples, size, classes } = options;
  if (!(Number.isInteger(images) && images >= 1 && Number.isInteger(samples) && samples >= 1 && Number.isInteger(size) && size >= 8 && classes.length >= 1)) {
    throw new RangeError(`Synthetic dataset needs whole images >= 1, samples >= 1, size >= 8 and a class; got ${images}, ${samples}, ${size}, ${classes.length} classes.`);
  }
  fs.mkdirSync(path.join(dir, 'img'), { recursive: true });
  const drawn = Math.min(images, samples);
  const rows = ['path,label'];
  for (let i = 0; i < drawn; i++) {
    fs.writeFileSync(path.join(dir, 'img', `${i}.png`), PNG.sync.write(syntheticImage(i, size)));
    rows.push(`img/${i}.png,${classes[i % classes.length]}`);
  }
  if (samples > drawn) fs.mkdirSync(path.join(dir, 's'), { recursive: true });
  for (let j = drawn; j < samples; j++) {
    const source = j % drawn;
    linkOrCopy(path.join(dir, 'img', `${source}.png`), path.join(dir, 's', `${j}.png`));
    rows.push(`s/${j}.png,${classes[source % classes.length]}`);
  }
  const manifest = path.join(dir, 'manifest.csv');
  fs.writeFileSync(manifest, `${rows.join('\n')}\n`);
  return { root: dir, manifest, samples };
}

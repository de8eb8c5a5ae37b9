/**
 * The data and model of a runner benchmark: a synthetic image dataset, a suite over it, and the
 * bundled tiny model exported to ONNX, so the runner benchmarks run exactly what `stroop run` runs.
 */

import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { stringify } from 'yaml';
import { loadModel } from '../families/loadModel.js';
import { packageRoot } from '../packageRoot.js';
import type { RunPlan } from '../results/runPlan.js';
import { planFromSuite } from '../run/planFromSuite.js';
import { loadSuite } from '../suite/loadSuite.js';

/** The model and runtime a benchmark suite runs (as `stroop bench` was given them). */
export interface BenchModel {
  /** Absolute model directory. */
  readonly dir: string;
  /** `onnx`, `tfjs` or `auto`. */
  readonly engine: string;
  readonly dtype: string;
  readonly device: string;
  /** CPU threads; undefined = one per core. */
  readonly threads?: number | undefined;
}

/** The data of a runner benchmark. */
export interface BenchSuiteSpec {
  readonly model: BenchModel;
  /** Samples in the dataset, >= 1. */
  readonly samples: number;
  /** Distinct images among them (the rest are links to these), >= 1. */
  readonly images: number;
  /** Image side, px. */
  readonly size: number;
  /** Shipped attack presets, one draw each per sample. */
  readonly presets: readonly string[];
  readonly batch: number;
}

/** A benchmark suite on disk and its plan. */
export interface BenchSuite {
  readonly file: string;
  readonly plan: RunPlan;
}

/** What {@link writeBenchSuite} writes. */
export interface BenchSuiteOptions {
  readonly name: string;
  readonly model: BenchModel;
  /** Absolute root of a dataset with `manifest.csv`. */
  readonly datasetRoot: string;
  /** Shipped preset names, one attack (n = 1, seed 0) each. */
  readonly presets: readonly string[];
  /** Images per engine call, >= 1. */
  readonly batch: number;
}

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

const syntheticClasses = ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'grey', 'pink', 'brown', 'black'];

/** The bundled random-weight model (2 layers, 64 wide, 224 px input). */
export const tinyModelDir = path.join(packageRoot, 'models', 'clip-tiny-random');

/** Writes a synthetic dataset and a suite over it into `dir` and loads the suite's run plan. */
export function prepareBenchSuite(dir: string, spec: BenchSuiteSpec): BenchSuite {
  const dataset = writeSyntheticDataset(path.join(dir, 'data'), { images: spec.images, samples: spec.samples, size: spec.size, classes: syntheticClasses });
  const file = writeBenchSuite(dir, { name: 'bench', model: spec.model, datasetRoot: dataset.root, presets: spec.presets, batch: spec.batch });
  return { file, plan: planFromSuite(loadSuite(file), { index: 1, count: 1 }) };
}

/**
 * Writes `<dir>/<name>.yaml`, a suite over one model and one synthetic dataset, so the runner
 * benchmarks run exactly what `stroop run` runs. Returns the file's path.
 */
export function writeBenchSuite(dir: string, options: BenchSuiteOptions): string {
  const { model } = options;
  const suite = {
    name: options.name,
    models: [{ path: model.dir, id: 'model', engine: model.engine, dtype: model.dtype, device: model.device, ...(model.threads === undefined ? {} : { threads: model.threads }) }],
    datasets: [{ id: 'synthetic', root: options.datasetRoot, manifest: 'manifest.csv', classes: 'labels' }],
    prompts: { templates: 'single' },
    attacks: options.presets.map((preset) => ({ preset })),
    batch: options.batch,
  };
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${options.name}.yaml`);
  fs.writeFileSync(file, stringify(suite));
  return file;
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
 * Copies the bundled tiny random model into `dir` and exports it to ONNX there (about a second),
 * so runner benchmarks without `--model` measure the runner with a fast engine, not the tfjs one.
 * Returns the model directory.
 */
export async function tinyOnnxModel(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(tinyModelDir)) {
    const from = path.join(tinyModelDir, file);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, file));
  }
  // The exporter loads protobufjs (~150 ms): only for the benchmarks that need it, not at every CLI start.
  const { writeOnnxExport } = await import('../families/exportModelOnnx.js');
  await writeOnnxExport(await loadModel(dir), dir);
  return dir;
}

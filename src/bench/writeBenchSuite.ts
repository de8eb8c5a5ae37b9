import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

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

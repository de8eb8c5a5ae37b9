import path from 'node:path';
import { planFromSuite } from '../run/planFromSuite.js';
import type { RunPlan } from '../results/runPlan.js';
import { loadSuite } from '../suite/loadSuite.js';
import { writeBenchSuite, type BenchModel } from './writeBenchSuite.js';
import { writeSyntheticDataset } from './writeSyntheticDataset.js';

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

const classes = ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'grey', 'pink', 'brown', 'black'];

/** Writes a synthetic dataset and a suite over it into `dir` and loads the suite's run plan. */
export function prepareBenchSuite(dir: string, spec: BenchSuiteSpec): BenchSuite {
  const dataset = writeSyntheticDataset(path.join(dir, 'data'), { images: spec.images, samples: spec.samples, size: spec.size, classes });
  const file = writeBenchSuite(dir, { name: 'bench', model: spec.model, datasetRoot: dataset.root, presets: spec.presets, batch: spec.batch });
  return { file, plan: planFromSuite(loadSuite(file), { index: 1, count: 1 }) };
}

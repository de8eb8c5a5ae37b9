import { ensureBuiltinDataset } from '../datasets/builtinDataset.js';
import type { Suite } from '../suite/suite.js';

/** Builds the builtin datasets (emoji) a suite names that are not in the cache yet, saying so on stderr. */
export async function ensureSuiteDatasets(suite: Suite): Promise<void> {
  for (const dataset of suite.datasets) {
    if (dataset.builtin === undefined) continue;
    const build = await ensureBuiltinDataset(dataset.builtin);
    if (!build.upToDate) process.stderr.write(`stroop: built the ${dataset.builtin.name} dataset (${build.imageCount} images, ${build.size} px) in ${build.root}\n`);
  }
}

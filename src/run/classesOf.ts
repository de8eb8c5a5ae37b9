import { classSetOf } from '../datasets/classSetOf.js';
import type { Sample } from '../datasets/dataset.js';
import type { PlannedDataset } from '../results/runPlan.js';
import { selectSamples } from './selectSamples.js';

/** A dataset's class list: the suite's explicit names, or its rule applied to the (capped, unsharded) samples. */
export async function classesOf(dataset: PlannedDataset, samples: () => AsyncIterable<Sample>, maxSamples: number | undefined): Promise<string[]> {
  if (typeof dataset.classes !== 'string') return [...dataset.classes];
  return classSetOf(selectSamples(samples(), { index: 1, count: 1 }, maxSamples), dataset.classes);
}

import type { OutputManifest } from './runManifest.js';
import type { PlannedDataset, PlannedModel } from './runPlan.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';

/** Everything a search needs, as plain data (from a suite file and the command line). */
export interface SearchPlan {
  /** The suite's name. */
  readonly name: string;
  readonly models: readonly PlannedModel[];
  readonly datasets: readonly PlannedDataset[];
  readonly templates: readonly string[];
  /** Engine batch: images per engine call, shared by the images searched at once. */
  readonly batch: number;
  /** At most this many samples per dataset. */
  readonly maxSamples?: number;
  readonly search: SearchEntry;
}

/**
 * `search.json`: the plan and provenance of the search in an output directory. Its `planHash`
 * is the SHA-256 of what decides the results (gates, time limits and concurrency left out).
 */
export type SearchManifest = OutputManifest<SearchPlan>;

import { planFromSuite } from '../run/planFromSuite.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';
import { searchEntrySchema } from '../suite/schema/searchEntrySchema.js';
import type { Suite } from '../suite/suite.js';
import type { SearchPlan } from '../results/searchManifest.js';

/**
 * The search plan of a loaded suite: its models, datasets and prompts, and its `search` block
 * (every default when the suite has none), with command-line overrides applied.
 */
export function searchPlanFromSuite(suite: Suite, overrides: { readonly maxSamples?: number; readonly search?: Partial<SearchEntry> } = {}): SearchPlan {
  const run = planFromSuite(suite, { index: 1, count: 1 }, overrides.maxSamples);
  const search = { ...(suite.search ?? searchEntrySchema.parse({})), ...overrides.search };
  return {
    name: suite.name,
    models: run.models,
    datasets: run.datasets,
    templates: run.templates,
    batch: run.batch,
    ...(run.maxSamples === undefined ? {} : { maxSamples: run.maxSamples }),
    search,
  };
}

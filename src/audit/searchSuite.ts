import path from 'node:path';
import { defaultMaxPixels } from '../image/decodeImage.js';
import { writeSearchReports, type WrittenSearchReports } from '../reports/search/writeSearchReports.js';
import type { Outcome } from '../results/outcome.js';
import { checkOutputDir } from '../results/outputDir.js';
import type { SearchPlan } from '../results/searchManifest.js';
import { searchPlanFromSuite } from '../run/planFromSuite.js';
import type { RunProgress } from '../run/runSuite.js';
import { runSearch, type SearchRunResult } from '../search/runSearch.js';
import { openRunCache } from '../store/cacheDir.js';
import { loadSuite } from '../suite/loadSuite.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';
import { ensureSuiteDatasets } from './auditSuite.js';

/** How a search runs. Every field is optional. */
export interface SearchSuiteOptions {
  /** At most this many images per dataset, >= 1 (overrides the suite). */
  readonly maxSamples?: number;
  /** Search settings overriding the suite's `search` block (goal, seed, numRuns, gates...). */
  readonly search?: Partial<SearchEntry>;
  /** Use only the Hugging Face cache for hub models. */
  readonly offline?: boolean;
  /** Images with more pixels are refused before decoding (error records); default Pillow's limit. */
  readonly maxPixels?: number;
  /** A run of the same models and images: the reports say how many of the images its attacks flipped the search found. */
  readonly against?: { readonly dir: string; readonly outcomes: Iterable<Outcome> };
  /** Aborting starts no new image; images being searched finish and are logged. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** One-line notices for the user (a builtin dataset built, an unwritable cache replaced), each ending in a newline. */
  readonly onNotice?: (line: string) => void;
}

/** A search run and reported. */
export interface SearchedSuite {
  readonly plan: SearchPlan;
  readonly outDir: string;
  /** What the search did: images written and skipped, whether it was interrupted or timed out. */
  readonly search: SearchRunResult;
  /** `search-summary.json`'s content, the gates' results and the report files written. */
  readonly reports: WrittenSearchReports;
  /** Why the search measured nothing (every image searched is an error), or undefined. */
  readonly failure?: string;
  /** Whether every search gate passed (true without gates). */
  readonly gatesPassed: boolean;
}

/**
 * Runs a search plan into `outDir` (resuming what is there) with the caches in `cacheDir`, and
 * writes its reports (search-summary.json, search.csv, search.md, search.html). Check the output
 * directory first (checkOutputDir), as searchSuite does, for a clear error on an unwritable one.
 * @throws OutputLockedError when another process writes into it.
 */
export async function runSearchPlan(plan: SearchPlan, outDir: string, cacheDir: string, options: SearchSuiteOptions = {}): Promise<SearchedSuite> {
  const search = await runSearch(plan, {
    outDir,
    cacheDir,
    maxPixels: options.maxPixels ?? defaultMaxPixels,
    offline: options.offline === true,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const reports = writeSearchReports(outDir, search.manifest, search.logFile, options.against);
  const errors = Object.values(reports.summary.models).reduce((n, m) => n + m.errors, 0);
  const failure =
    reports.summary.images > 0 && errors === reports.summary.images
      ? `every one of its ${errors} images is an error; see the message column of ${path.join(outDir, 'search.csv')}.`
      : undefined;
  const gatesPassed = reports.gates.every((g) => g.passed);
  return { plan, outDir, search, reports, ...(failure === undefined ? {} : { failure }), gatesPassed };
}

/**
 * Searches a suite file for minimal successful attacks, as `stroop search` does without printing:
 * its `search` block (defaults without one) with `options.search` on top, into `out` (default
 * `reports/<suite name>-search`), with stroop's cache folder.
 */
export async function searchSuite(suiteFile: string, options: SearchSuiteOptions & { readonly out?: string } = {}): Promise<SearchedSuite> {
  const loaded = loadSuite(suiteFile);
  const outDir = path.resolve(options.out ?? path.join('reports', `${loaded.name}-search`));
  checkOutputDir(outDir);
  const suite = await ensureSuiteDatasets(loaded, options.onNotice, options.offline === true ? { offline: true } : {});
  const plan = searchPlanFromSuite(suite, { ...(options.maxSamples === undefined ? {} : { maxSamples: options.maxSamples }), ...(options.search === undefined ? {} : { search: options.search }) });
  const cache = openRunCache(options.onNotice ?? (() => undefined));
  try {
    return await runSearchPlan(plan, outDir, cache.dir, options);
  } finally {
    cache.release();
  }
}

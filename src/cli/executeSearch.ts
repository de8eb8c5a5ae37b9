import type { Outcome } from '../results/outcome.js';
import { formatSearchTable } from '../reports/search/renderSearchMarkdown.js';
import type { WrittenSearchReports } from '../reports/search/writeSearchReports.js';
import { runSearchPlan } from '../audit/searchSuite.js';
import { createRunProgress } from './createRunProgress.js';
import { describeMinimalAttack } from '../search/replayMinimalAttack.js';
import type { SearchPlan } from '../results/searchManifest.js';
import { ExitCode } from './exitCodes.js';
import { checkOutputDir } from '../results/outputDir.js';
import { openRunCache } from '../store/cacheDir.js';

/** How `stroop search` (and `stroop run`, for a suite with a search block) run a search from the command line. */
export interface ExecuteSearchOptions {
  readonly plan: SearchPlan;
  readonly outDir: string;
  readonly maxPixels: number;
  readonly offline: boolean;
  /** Aborting starts no new image (the caller owns Ctrl-C). */
  readonly signal: AbortSignal;
  /** A run of the same models and images, for coverage. */
  readonly against?: { readonly dir: string; readonly outcomes: Iterable<Outcome> };
  /** The cache folder, when the caller has settled it (see openRunCache); absent = settle it here. */
  readonly cacheDir?: string;
}

export interface ExecutedSearch {
  readonly reports: WrittenSearchReports;
  /** 0, 1 (a search gate breached), 3 (every image searched is an error) or 130 (interrupted). */
  readonly exitCode: number;
}

/**
 * Runs a search into its output directory (resuming what is there), writes its reports, prints
 * the table, the coverage and every breached gate with its minimal counterexample. Sets no exit
 * code itself. An unwritable output folder is a UsageError (exit 2) before anything runs; an
 * unwritable cache folder (when the caller gives none) is replaced by a temporary one, with one
 * warning.
 */
export async function executeSearch(options: ExecuteSearchOptions): Promise<ExecutedSearch> {
  const { plan, outDir } = options;
  checkOutputDir(outDir);
  const cache = options.cacheDir === undefined ? openRunCache((line) => process.stderr.write(line)) : undefined;
  try {
    return await searchInto(plan, outDir, cache?.dir ?? (options.cacheDir as string), options);
  } finally {
    cache?.release();
  }
}

async function searchInto(plan: SearchPlan, outDir: string, cacheDir: string, options: ExecuteSearchOptions): Promise<ExecutedSearch> {
  const searched = await runSearchPlan(plan, outDir, cacheDir, {
    maxPixels: options.maxPixels,
    offline: options.offline,
    signal: options.signal,
    onProgress: createRunProgress(process.stderr),
    ...(options.against === undefined ? {} : { against: options.against }),
  });
  const { search: result, reports } = searched;
  if (result.tornBytes > 0) process.stderr.write(`stroop: dropped a torn last line (${result.tornBytes} bytes) of the interrupted search log.\n`);
  process.stdout.write(formatSearchTable(reports.summary));
  for (const [model, byAttack] of Object.entries(reports.coverage?.byModel ?? {})) {
    for (const [attack, c] of Object.entries(byAttack)) {
      const succeeded = plan.search.goal === 'targeted' ? 'turned into the written word' : 'flipped';
      process.stdout.write(`${model}: of ${c.flippedByAttack} images ${attack} ${succeeded}, the search found an attack for ${c.found.successes} (${(100 * (c.found.rate ?? 0)).toFixed(1)}%)\n`);
    }
  }
  process.stdout.write(`${result.written} images searched, ${result.skipped} already done; search reports in ${outDir}\n`);
  if (result.interrupted || result.timedOut) {
    process.stderr.write(`stroop: search ${result.interrupted ? 'interrupted' : `stopped at its time limit (${plan.search.timeLimitS} s)`}; the reports cover what ran. Re-run the same command to continue.\n`);
  }
  if (result.interrupted) return { reports, exitCode: ExitCode.interrupted };
  if (searched.failure !== undefined) {
    process.stderr.write(`stroop: the search failed: ${searched.failure}\n`);
    return { reports, exitCode: ExitCode.runFailed };
  }
  const failed = reports.gates.filter((g) => !g.passed);
  for (const g of failed) {
    const what =
      g.gate === 'minFlipFontFraction'
        ? `an image flips with a font of ${(100 * (g.actual ?? 0)).toFixed(1)}% of its height, below the ${(100 * g.limit).toFixed(1)}% allowed`
        : `${(100 * (g.actual ?? 0)).toFixed(1)}% of the images flip, above the ${(100 * g.limit).toFixed(1)}% allowed`;
    process.stderr.write(`stroop: search gate breached (${g.model}): ${what}.\n`);
    if (g.counterexample !== undefined) process.stderr.write(`${describeMinimalAttack(g.counterexample, outDir)}\n`);
  }
  if (reports.gates.length > 0) process.stdout.write(`search gates: ${reports.gates.length - failed.length} passed, ${failed.length} failed\n`);
  return { reports, exitCode: searched.gatesPassed ? ExitCode.ok : ExitCode.thresholdBreached };
}

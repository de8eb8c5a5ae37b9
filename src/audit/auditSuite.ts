import fs from 'node:fs';
import path from 'node:path';
import { ensureBuiltinDataset } from '../datasets/builtinDataset.js';
import { defaultMaxPixels } from '../image/decodeImage.js';
import { UsageError } from '../errors/errors.js';
import { applyGateFlags } from '../gates/gates.js';
import type { OutcomeCounts } from '../metrics/indexOutcomes.js';
import { writeRunReports, type WrittenReports } from '../reports/writeRunReports.js';
import { checkOutputDir, RESULT_LOG } from '../results/outputDir.js';
import { readResultLog } from '../results/resultLog.js';
import type { RunPlan, Shard } from '../results/runPlan.js';
import { planFromSuite } from '../run/planFromSuite.js';
import { runSuite, type RunProgress, type RunResult } from '../run/runSuite.js';
import { checkDrawnClassNames } from '../suite/checkDrawnClassNames.js';
import { loadSuite } from '../suite/loadSuite.js';
import type { Suite, SuiteDataset, SuiteGates } from '../suite/suite.js';
import { openHubDataset } from '../datasets/hub/openHubDataset.js';
import { createProgressReporter } from '../hub/downloadProgress.js';
import { cacheDir, openRunCache } from '../store/cacheDir.js';

/** How {@link auditSuite} runs a suite. Every field is optional. */
export interface AuditSuiteOptions {
  /** Output directory; default `reports/<suite name>[-shard-i-of-n]` under the working directory. */
  readonly out?: string;
  /** Which deterministic slice to run; default all of it (1 of 1). */
  readonly shard?: Shard;
  /** Insist that `out` holds a run to continue (a run into the same directory resumes anyway). */
  readonly resume?: boolean;
  /** At most this many samples per dataset, >= 1 (overrides the suite). */
  readonly maxSamples?: number;
  /** Use only the Hugging Face cache for hub models. */
  readonly offline?: boolean;
  /** Images with more pixels are refused before decoding (error rows); default Pillow's limit. */
  readonly maxPixels?: number;
  /** Gate values overriding the suite's (each a fraction in [0,1]). */
  readonly gates?: SuiteGates;
  /** Evaluate every gate per true class too (junit.xml test cases; they do not change `gatesPassed`). */
  readonly junitPerClass?: boolean;
  /** Aborting stops after the current batch with the log consistent; the reports cover what ran. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** One-line notices for the user (a builtin dataset built, an unwritable cache replaced), each ending in a newline. */
  readonly onNotice?: (line: string) => void;
}

/** A suite run and reported. */
export interface AuditedSuite {
  readonly suite: Suite;
  readonly plan: RunPlan;
  readonly outDir: string;
  /** What the run did: rows written and skipped, warnings, work, whether it was interrupted. */
  readonly run: RunResult;
  /** `summary.json`'s content (every metric, the gates' results) and the report files written. */
  readonly reports: WrittenReports;
  /** Why the run measured nothing (no row scored, some rows errors), or undefined (see runFailureOf). */
  readonly failure?: string;
  /** Whether every attack-level gate passed (true without gates). */
  readonly gatesPassed: boolean;
}

/**
 * What is wrong with a run that scored nothing while some of its rows are errors (it measured
 * nothing, whatever the gates say): the counts and the first error's message. Undefined for a
 * run that scored something, or has no error rows. `stroop run` and `stroop report` exit 3 on it.
 */
export function runFailureOf(counts: OutcomeCounts, logFile: string): string | undefined {
  const errors = Object.values(counts.errors).reduce((a, b) => a + b, 0);
  if (counts.scored > 0 || errors === 0) return undefined;
  const stages = Object.entries(counts.errors).filter(([, n]) => n > 0).map(([stage, n]) => `${stage} ${n}`);
  let first: string | undefined;
  for (const outcome of readResultLog(logFile)) {
    if (outcome.kind !== 'error') continue;
    first = `${outcome.sampleId} (${outcome.attackId}): ${outcome.message}`;
    break;
  }
  return `no row was scored: ${errors} of its ${counts.total} rows are errors (${stages.join(', ')})${first === undefined ? '' : `; the first: ${first}`}. Every row is in samples.csv.`;
}

/** How {@link ensureSuiteDatasets} fetches hub datasets. */
export interface SuiteDatasetOptions {
  /** Use only the caches for hub datasets (also on when HF_HUB_OFFLINE is set). */
  readonly offline?: boolean;
  /** stroop's cache folder, where hub datasets are extracted; default {@link cacheDir}. */
  readonly cacheDir?: string;
}

/**
 * Makes every dataset of a suite readable: builds the builtin ones (emoji) that are not in the
 * cache yet, and downloads and extracts the hub ones (once per commit; see openHubDataset).
 * Returns the suite with each hub dataset's root, manifest and source (repo, revision, commit,
 * split) filled in, ready to plan.
 */
export async function ensureSuiteDatasets(suite: Suite, onNotice: (line: string) => void = () => undefined, options: SuiteDatasetOptions = {}): Promise<Suite> {
  const datasets: SuiteDataset[] = [];
  for (const dataset of suite.datasets) {
    if (dataset.builtin !== undefined) {
      const build = await ensureBuiltinDataset(dataset.builtin);
      if (!build.upToDate) onNotice(`stroop: built the ${dataset.builtin.name} dataset (${build.imageCount} images, ${build.size} px) in ${build.root}\n`);
    }
    if (dataset.hub === undefined) {
      datasets.push(dataset);
      continue;
    }
    const opened = await openHubDataset(dataset.hub.ref, {
      split: dataset.hub.split,
      columns: dataset.hub.columns,
      cacheDir: options.cacheDir ?? cacheDir(),
      ...(options.offline === true ? { offline: true } : {}),
      progress: createProgressReporter({ stream: process.stderr }),
    });
    if (opened.skippedRows > 0) onNotice(`stroop: ${dataset.id}: ${opened.skippedRows} rows of ${opened.id} (${opened.split}) have no label or no image and are left out\n`);
    datasets.push({ ...dataset, root: opened.root, manifest: opened.manifest, hubSource: { id: opened.id, revision: opened.revision, commit: opened.commit, split: opened.split } });
  }
  return { ...suite, datasets };
}

/** A suite loaded, checked and planned, its output directory settled and its builtin datasets built: ready to run. */
export interface PreparedAudit {
  readonly suiteFile: string;
  readonly suite: Suite;
  readonly plan: RunPlan;
  readonly outDir: string;
}

/**
 * Everything before a run computes anything: loads and checks the suite (the class names its
 * attacks will write included), plans it (shard, sample cap, gate overrides), settles and checks
 * the output directory, and builds the builtin datasets it needs.
 *
 * @throws SuiteError for a suite that does not validate; UsageError for an unwritable output
 *   directory or `resume` without a run.
 */
export async function prepareAudit(suiteFile: string, options: AuditSuiteOptions = {}): Promise<PreparedAudit> {
  const shard = options.shard ?? { index: 1, count: 1 };
  const loaded = loadSuite(suiteFile);
  const suffix = shard.count > 1 ? `-shard-${shard.index}-of-${shard.count}` : '';
  const outDir = path.resolve(options.out ?? path.join('reports', `${loaded.name}${suffix}`));
  if (options.resume === true && !fs.existsSync(path.join(outDir, RESULT_LOG))) throw new UsageError(`--resume: ${outDir} holds no run to resume.`, '--resume');
  const suite = await ensureSuiteDatasets(loaded, options.onNotice, options.offline === true ? { offline: true } : {});
  await checkDrawnClassNames(suite, suiteFile);
  checkOutputDir(outDir);
  const suitePlan = planFromSuite(suite, shard, options.maxSamples);
  const thresholds = applyGateFlags(suitePlan.thresholds, options.gates ?? {});
  const plan = thresholds === undefined ? suitePlan : { ...suitePlan, thresholds };
  return { suiteFile, suite, plan, outDir };
}

/**
 * Runs a prepared suite into its output directory (resuming what is there) with the caches in
 * `cacheDir`, and writes the reports, holding the run to its gates.
 * @throws OutputLockedError when another process writes into the output directory.
 */
export async function runPreparedAudit(prepared: PreparedAudit, cacheDir: string, options: AuditSuiteOptions = {}): Promise<AuditedSuite> {
  const { outDir } = prepared;
  const maxPixels = options.maxPixels ?? defaultMaxPixels;
  const run = await runSuite(prepared.plan, {
    outDir,
    cacheDir,
    maxPixels,
    offline: options.offline === true,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const reports = writeRunReports(outDir, run.manifest, run.logFile, { junitPerClass: options.junitPerClass === true, maxPixels });
  const failure = runFailureOf(reports.summary.metrics.counts, run.logFile);
  const gatesPassed = reports.summary.gates.every((g) => g.passed || g.className !== null);
  return { suite: prepared.suite, plan: prepared.plan, outDir, run, reports, ...(failure === undefined ? {} : { failure }), gatesPassed };
}

/**
 * Runs a suite file end to end, as `stroop run` does without printing: {@link prepareAudit},
 * then {@link runPreparedAudit} with stroop's cache folder (a temporary one, with a notice, when
 * it cannot be written). A suite's `search` block is not run here (see searchSuite).
 */
export async function auditSuite(suiteFile: string, options: AuditSuiteOptions = {}): Promise<AuditedSuite> {
  const prepared = await prepareAudit(suiteFile, options);
  const cache = openRunCache(options.onNotice ?? (() => undefined));
  try {
    return await runPreparedAudit(prepared, cache.dir, options);
  } finally {
    cache.release();
  }
}

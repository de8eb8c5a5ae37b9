import path from 'node:path';
import { prepareAudit, runPreparedAudit } from '../audit/auditSuite.js';
import { formatSummaryTable } from '../reports/format.js';
import type { WrittenReports } from '../reports/writeRunReports.js';
import { readResultLog } from '../results/resultLog.js';
import type { Shard } from '../results/runPlan.js';
import { searchPlanFromSuite } from '../run/planFromSuite.js';
import { openRunCache } from '../store/cacheDir.js';
import type { SuiteGates } from '../suite/suite.js';
import { createRunProgress } from './createRunProgress.js';
import { executeSearch } from './executeSearch.js';
import { ExitCode } from './exitCodes.js';
import { reportGates } from './gateOptions.js';

/** How `stroop run` (and `stroop demo`) run a suite from the command line. */
export interface ExecuteSuiteOptions {
  readonly suiteFile: string;
  /** Output directory; default reports/<suite name>[-shard-i-of-n]. */
  readonly out?: string;
  readonly shard: Shard;
  readonly resume: boolean;
  readonly maxSamples?: number;
  readonly offline: boolean;
  readonly maxPixels: number;
  readonly junitPerClass: boolean;
  readonly gateFlags: SuiteGates;
}

/** What ran, for the caller to print more. */
export interface ExecutedSuite {
  readonly outDir: string;
  readonly reports: WrittenReports;
  readonly exitCode: number;
}

/**
 * Loads a suite, builds the builtin datasets it needs, runs it into the output directory
 * (resuming what is there), writes the reports and prints the summary table; a suite with a
 * `search` block is then searched into `<out>/search` (unsharded runs only), its gates joining
 * the run's. Ctrl-C stops after the current batch; a second Ctrl-C quits at once. Sets no exit
 * code itself; the one it returns is 3 when no row was scored and some are errors.
 *
 * Before anything runs: the output folder must be writable and the class names the attacks write
 * valid attack texts (else a UsageError or SuiteError, exit 2); an unwritable cache folder is
 * replaced by a temporary one, with one warning.
 */
export async function executeSuite(options: ExecuteSuiteOptions): Promise<ExecutedSuite> {
  const notice = (line: string) => process.stderr.write(line);
  const { shard } = options;
  const prepared = await prepareAudit(options.suiteFile, {
    ...(options.out === undefined ? {} : { out: options.out }),
    shard,
    resume: options.resume,
    ...(options.maxSamples === undefined ? {} : { maxSamples: options.maxSamples }),
    gates: options.gateFlags,
    onNotice: notice,
  });
  const { suite, outDir } = prepared;
  const cache = openRunCache(notice);

  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstroop: stopping after the current batch (Ctrl-C again to quit at once); re-run the same command to resume.\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const audited = await runPreparedAudit(prepared, cache.dir, {
      maxPixels: options.maxPixels,
      offline: options.offline,
      junitPerClass: options.junitPerClass,
      signal: controller.signal,
      onProgress: createRunProgress(process.stderr),
    });
    const { run: result, reports } = audited;
    if (result.duplicateSamples.length > 0) {
      process.stderr.write(`stroop: ${result.duplicateSamples.length} samples listed more than once were evaluated once (first: ${result.duplicateSamples[0]}).\n`);
    }
    if (result.tornBytes > 0) process.stderr.write(`stroop: dropped a torn last line (${result.tornBytes} bytes) of the interrupted log.\n`);
    for (const warning of result.warnings) process.stderr.write(`stroop: warning: ${warning}\n`);
    process.stdout.write(formatSummaryTable(reports.summary.metrics));
    process.stdout.write(`${result.rowsWritten} rows written, ${result.rowsSkipped} already done; reports in ${outDir}\n`);
    if (result.interrupted) {
      process.stderr.write('stroop: interrupted; the reports cover what ran. Re-run the same command to finish.\n');
      return { outDir, reports, exitCode: 130 };
    }
    if (audited.failure !== undefined) {
      process.stderr.write(`stroop: the run failed: ${audited.failure}\n`);
      return { outDir, reports, exitCode: ExitCode.runFailed };
    }
    const runExit = reportGates(reports.summary.gates);
    if (suite.search === undefined) return { outDir, reports, exitCode: runExit };
    if (shard.count > 1) {
      process.stderr.write('stroop: the suite has a search block; a sharded run does not search (run `stroop search` on the suite once).\n');
      return { outDir, reports, exitCode: runExit };
    }
    // The suite's search, into <out>/search, with its coverage of this run's attacks.
    const searched = await executeSearch({
      plan: searchPlanFromSuite(suite, options.maxSamples === undefined ? {} : { maxSamples: options.maxSamples }),
      outDir: path.join(outDir, 'search'),
      maxPixels: options.maxPixels,
      offline: options.offline,
      signal: controller.signal,
      cacheDir: cache.dir,
      against: { dir: outDir, outcomes: { [Symbol.iterator]: () => readResultLog(result.logFile) } },
    });
    return { outDir, reports, exitCode: Math.max(runExit, searched.exitCode) };
  } finally {
    process.off('SIGINT', onInterrupt);
    cache.release();
  }
}

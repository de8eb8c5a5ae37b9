import { withGateOptions, gateFlagsOf, reportGates } from '../gateOptions.js';
import { RESULT_LOG, RUN_MANIFEST } from '../../results/outputDir.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError, messageOf } from '../../errors/errors.js';
import { applyGateFlags } from '../../gates/gates.js';
import { formatSummaryTable } from '../../reports/format.js';
import { writeRunReports, type ReportOptions } from '../../reports/writeRunReports.js';
import { readResultLog } from '../../results/resultLog.js';
import type { RunManifest } from '../../results/runManifest.js';
import type { ArgsOf } from '../argsOf.js';
import { ExitCode } from '../exitCodes.js';
import { runFailureOf } from '../../audit/auditSuite.js';
import { DEFAULT_MAX_PIXELS } from '../sharedOptions.js';

function readManifest(dir: string): RunManifest {
  const file = path.join(dir, RUN_MANIFEST);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory; give the output directory of a stroop run or merge.`, '<dir>');
  if (!fs.existsSync(file)) throw new UsageError(`${dir} is not a stroop run directory: it has no ${RUN_MANIFEST}.`, '<dir>');
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as RunManifest;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${messageOf(error)}`, '<dir>');
  }
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.plan !== 'object' || !Array.isArray(manifest.plan?.attacks)) {
    throw new UsageError(`${file} is not a stroop run manifest (no plan).`, '<dir>');
  }
  return manifest;
}

function hasResults(logFile: string): boolean {
  for (const _ of readResultLog(logFile)) return true;
  return false;
}

function builder(y: Argv) {
  return withGateOptions(
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'A run directory (stroop run --out, or stroop merge --out)' })
      .option('gallery', { type: 'number', default: 8, describe: 'Most successful attacks shown per model in report.html (0 = none)' })
      .option('max-pixels', { type: 'number', default: DEFAULT_MAX_PIXELS, describe: 'Refuse larger images before decoding them for the gallery' }),
  )
    .example('$0 report reports/smoke', 'Rewrite summary.json/.csv/.md, samples.csv, report.html and junit.xml from the result log')
    .example('$0 report reports/smoke --max-drop 0.05', 'Re-judge a finished run against a stricter gate (exit 1 if breached)');
}

/** `stroop report`: rewrite every report of a finished or merged run and hold it to its gates. */
export const reportCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'report <dir>',
  describe: 'Rewrite the reports of a run directory (summary, CSVs, summary.md, report.html, junit.xml) and check its gates',
  builder,
  handler: (argv) => {
    const dir = path.resolve(String(argv.dir));
    const flags = gateFlagsOf(argv);
    if (!(Number.isInteger(argv.gallery) && argv.gallery >= 0)) throw new UsageError(`--gallery must be a whole number >= 0, got ${argv.gallery}.`, '--gallery');
    const manifest = readManifest(dir);
    const logFile = path.join(dir, RESULT_LOG);
    if (!fs.existsSync(logFile) || !hasResults(logFile)) throw new UsageError(`${dir} has no results: ${RESULT_LOG} is missing or empty (did the run start?).`, '<dir>');
    const thresholds = applyGateFlags(manifest.plan.thresholds, flags);
    const options: ReportOptions = {
      ...(thresholds === undefined ? {} : { thresholds }),
      junitPerClass: argv.junitPerClass,
      galleryPerModel: argv.gallery,
      maxPixels: argv.maxPixels,
    };
    const reports = writeRunReports(dir, manifest, logFile, options);
    process.stdout.write(formatSummaryTable(reports.summary.metrics));
    process.stdout.write(`reports in ${dir}: ${reports.files.map((f) => path.basename(f)).join(', ')}\n`);
    const failed = runFailureOf(reports.summary.metrics.counts, logFile);
    if (failed !== undefined) {
      process.stderr.write(`stroop: the run failed: ${failed}\n`);
      process.exitCode = ExitCode.runFailed;
      return;
    }
    process.exitCode = reportGates(reports.summary.gates);
  },
};

import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/UsageError.js';
import { applyGateFlags } from '../../gates/applyGateFlags.js';
import { formatSummaryTable } from '../../reports/formatSummaryTable.js';
import { writeRunReports } from '../../reports/writeRunReports.js';
import { cacheDir } from '../../run/cacheDir.js';
import { createRunProgress } from '../../run/createRunProgress.js';
import { parseShard } from '../../run/parseShard.js';
import { planFromSuite } from '../../run/planFromSuite.js';
import { RESULT_LOG, runSuite } from '../../run/runSuite.js';
import { loadSuite } from '../../suite/loadSuite.js';
import type { ArgsOf } from '../argsOf.js';
import { DEFAULT_MAX_PIXELS } from '../sharedOptions.js';
import { gateFlagsOf, reportGates, withGateOptions } from './report.js';

function builder(y: Argv) {
  return withGateOptions(y)
    .positional('suite', { type: 'string', demandOption: true, describe: 'Suite file (YAML), e.g. attacks/suites/smoke.yaml' })
    .option('out', { type: 'string', describe: 'Output directory (default reports/<suite name>, with -shard-i-of-n when sharded)' })
    .option('shard', { type: 'string', describe: 'Run the i-th of n deterministic slices, e.g. 2/4 (combine with stroop merge)' })
    .option('resume', { type: 'boolean', default: false, describe: 'Continue the run in --out (a re-run into the same directory resumes anyway; this insists that there is one)' })
    .option('max-samples', { type: 'number', describe: 'At most this many samples per dataset (overrides the suite)' })
    .option('offline', { type: 'boolean', default: false, describe: 'Use only the Hugging Face cache for hub models' })
    .option('max-pixels', { type: 'number', default: DEFAULT_MAX_PIXELS, describe: 'Refuse larger images before decoding (recorded as errors)' })
    .example('$0 run attacks/suites/smoke.yaml', 'The bundled smoke suite, into reports/smoke')
    .example('$0 run suite.yaml --shard 1/4 && ... && $0 merge reports/s-shard-*', 'A suite too big for one machine')
    .example('$0 run attacks/suites/thresholds.yaml --max-drop 0.05', 'A CI gate: exit 1 when an attack costs more than 5 points of top-1 accuracy');
}

/** `stroop run`: evaluate a suite, append every outcome to results.jsonl, write the reports, and exit 1 when a gate is breached. */
export const runCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'run <suite>',
  describe: 'Run an attack suite: clean vs attacked zero-shot accuracy, per-sample log and summary reports',
  builder,
  handler: async (argv) => {
    const shard = parseShard(argv.shard);
    if (argv.maxSamples !== undefined && !(Number.isInteger(argv.maxSamples) && argv.maxSamples >= 1)) {
      throw new UsageError(`--max-samples must be a whole number >= 1, got ${argv.maxSamples}.`, '--max-samples');
    }
    const flags = gateFlagsOf(argv);
    const suite = loadSuite(String(argv.suite));
    const suitePlan = planFromSuite(suite, shard, argv.maxSamples);
    const thresholds = applyGateFlags(suitePlan.thresholds, flags);
    const plan = thresholds === undefined ? suitePlan : { ...suitePlan, thresholds };
    const suffix = shard.count > 1 ? `-shard-${shard.index}-of-${shard.count}` : '';
    const outDir = path.resolve(argv.out ?? path.join('reports', `${suite.name}${suffix}`));
    if (argv.resume && !fs.existsSync(path.join(outDir, RESULT_LOG))) throw new UsageError(`--resume: ${outDir} holds no run to resume.`, '--resume');

    const controller = new AbortController();
    const onInterrupt = () => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write('\nstroop: stopping after the current batch (Ctrl-C again to quit at once); re-run the same command to resume.\n');
      controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    try {
      const result = await runSuite(plan, {
        outDir,
        cacheDir: cacheDir(),
        maxPixels: argv.maxPixels,
        offline: argv.offline,
        signal: controller.signal,
        onProgress: createRunProgress(process.stderr),
      });
      if (result.duplicateSamples.length > 0) {
        process.stderr.write(`stroop: ${result.duplicateSamples.length} samples listed more than once were evaluated once (first: ${result.duplicateSamples[0]}).\n`);
      }
      if (result.tornBytes > 0) process.stderr.write(`stroop: dropped a torn last line (${result.tornBytes} bytes) of the interrupted log.\n`);
      const reports = writeRunReports(outDir, result.manifest, result.logFile, { junitPerClass: argv.junitPerClass, maxPixels: argv.maxPixels });
      process.stdout.write(formatSummaryTable(reports.summary.metrics));
      process.stdout.write(`${result.rowsWritten} rows written, ${result.rowsSkipped} already done; reports in ${outDir}\n`);
      if (result.interrupted) {
        process.stderr.write('stroop: interrupted; the reports cover what ran. Re-run the same command to finish.\n');
        process.exitCode = 130;
      } else {
        process.exitCode = reportGates(reports.summary.gates);
      }
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};

import { reportGates } from '../gateOptions.js';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatSummaryTable } from '../../reports/format.js';
import { writeRunReports } from '../../reports/writeRunReports.js';
import { mergeRuns } from '../../results/mergeRuns.js';
import type { ArgsOf } from '../argsOf.js';

function builder(y: Argv) {
  return y
    .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Run directories of the shards' })
    .option('out', { type: 'string', demandOption: true, describe: 'Directory for the merged run and its reports' })
    .option('allow-partial', { type: 'boolean', default: false, describe: 'Merge even when some shards are missing' })
    .example('$0 merge reports/smoke-shard-* --out reports/smoke', 'Combine 4 shards into one report');
}

/** `stroop merge`: combine shard runs into one run directory and report, as if run unsharded. */
export const mergeCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'merge <dirs..>',
  describe: 'Merge the run directories of a sharded suite into one report',
  builder,
  handler: (argv) => {
    const outDir = path.resolve(argv.out);
    const merged = mergeRuns(argv.dirs.map(String), outDir, argv.allowPartial);
    const reports = writeRunReports(outDir, merged.manifest, merged.logFile);
    process.stdout.write(formatSummaryTable(reports.summary.metrics));
    process.stdout.write(`${merged.rows} rows from ${argv.dirs.length} runs (${merged.duplicates} duplicates dropped); reports in ${outDir}\n`);
    process.exitCode = reportGates(reports.summary.gates);
  },
};

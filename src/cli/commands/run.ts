import { withGateOptions, gateFlagsOf } from '../gateOptions.js';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import { parseShard } from '../../run/planFromSuite.js';
import type { ArgsOf } from '../argsOf.js';
import { DEFAULT_MAX_PIXELS } from '../sharedOptions.js';
import { executeSuite } from '../executeSuite.js';

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
    const executed = await executeSuite({
      suiteFile: String(argv.suite),
      ...(argv.out === undefined ? {} : { out: argv.out }),
      shard,
      resume: argv.resume,
      ...(argv.maxSamples === undefined ? {} : { maxSamples: argv.maxSamples }),
      offline: argv.offline,
      maxPixels: argv.maxPixels,
      junitPerClass: argv.junitPerClass,
      gateFlags: gateFlagsOf(argv),
    });
    process.exitCode = executed.exitCode;
  },
};

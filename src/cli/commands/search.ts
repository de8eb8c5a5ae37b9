import { RESULT_LOG } from '../../results/outputDir.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import type { Outcome } from '../../results/outcome.js';
import { readResultLog } from '../../results/resultLog.js';
import { searchPlanFromSuite } from '../../run/planFromSuite.js';
import type { SearchEntry } from '../../suite/schema/searchEntrySchema.js';
import { loadSuite } from '../../suite/loadSuite.js';
import type { ArgsOf } from '../argsOf.js';
import { ensureSuiteDatasets } from '../../audit/auditSuite.js';
import { executeSearch } from '../executeSearch.js';
import { ExitCode } from '../exitCodes.js';
import { DEFAULT_MAX_PIXELS } from '../sharedOptions.js';

function builder(y: Argv) {
  return y
    .positional('suite', { type: 'string', demandOption: true, describe: 'Suite file (YAML) with a search: block (defaults when it has none), e.g. attacks/suites/search.yaml' })
    .option('out', { type: 'string', describe: 'Output directory (default reports/<suite name>-search); a re-run into it resumes' })
    .option('max-samples', { type: 'number', describe: 'At most this many images per dataset (overrides the suite)' })
    .option('seed', { type: 'number', describe: 'Base seed of the search (overrides search.seed)' })
    .option('goal', { choices: ['flip', 'targeted'] as const, describe: 'flip: any change of top-1 is a success; targeted: only the written word (overrides search.goal)' })
    .option('num-runs', { type: 'number', describe: 'Random attacks tried per image (overrides search.numRuns)' })
    .option('max-calls', { type: 'number', describe: 'Most model calls per image (overrides search.maxCallsPerImage)' })
    .option('min-flip-font-fraction', { type: 'number', describe: 'Gate: exit 1 when an image flips with a font smaller than this fraction of its height' })
    .option('max-flip-rate', { type: 'number', describe: 'Gate: exit 1 when more than this fraction of the images flip' })
    .option('against', { type: 'string', describe: 'A stroop run directory of the same models and images: report how many of the images its attacks flipped the search found' })
    .option('offline', { type: 'boolean', default: false, describe: 'Use only the Hugging Face cache for hub models' })
    .option('max-pixels', { type: 'number', default: DEFAULT_MAX_PIXELS, describe: 'Refuse larger images before decoding (recorded as errors)' })
    .example('$0 search attacks/suites/search.yaml', 'Minimal attacks for stroop-tiny on held-out emoji, into reports/search-search')
    .example('$0 search suite.yaml --min-flip-font-fraction 0.1', 'CI gate: no image may flip with a word smaller than 10% of the image height');
}

function wholeNumber(flag: string, value: number | undefined, min: number, max: number, why = ''): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new UsageError(`${flag} must be a whole number in [${min}, ${max}]${why}, got ${value}.`, flag);
  return value;
}

function fraction(flag: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(value >= 0 && value <= 1)) throw new UsageError(`${flag} must be a number in [0, 1], got ${value}.`, flag);
  return value;
}

/** Search settings the command line overrides, checked as the suite's are. */
function overridesOf(argv: { goal?: 'flip' | 'targeted' | undefined; seed?: number | undefined; numRuns?: number | undefined; maxCalls?: number | undefined; minFlipFontFraction?: number | undefined; maxFlipRate?: number | undefined }, base: SearchEntry | undefined): Partial<SearchEntry> {
  const seed = wholeNumber('--seed', argv.seed, 0, 0xffffffff);
  const numRuns = wholeNumber('--num-runs', argv.numRuns, 1, 100000, ' (a budget of 0 tries nothing)');
  const maxCalls = wholeNumber('--max-calls', argv.maxCalls, 1, 1000000, ' (a budget of 0 evaluates nothing)');
  const minFont = fraction('--min-flip-font-fraction', argv.minFlipFontFraction);
  const maxRate = fraction('--max-flip-rate', argv.maxFlipRate);
  const gates = minFont === undefined && maxRate === undefined ? {} : { gates: { ...base?.gates, ...(minFont === undefined ? {} : { minFlipFontFraction: minFont }), ...(maxRate === undefined ? {} : { maxFlipRate: maxRate }) } };
  return { ...(argv.goal === undefined ? {} : { goal: argv.goal }), ...(seed === undefined ? {} : { seed }), ...(numRuns === undefined ? {} : { numRuns }), ...(maxCalls === undefined ? {} : { maxCallsPerImage: maxCalls }), ...gates };
}

/** The outcomes of a run directory, checked before the search starts. */
function openRunLog(dir: string): { dir: string; outcomes: Iterable<Outcome> } {
  const file = path.join(dir, RESULT_LOG);
  if (!fs.existsSync(file)) throw new UsageError(`--against: ${dir} is not a stroop run directory (it has no ${RESULT_LOG}).`, '--against');
  return { dir, outcomes: { [Symbol.iterator]: () => readResultLog(file) } };
}

/** `stroop search`: minimal successful attacks per image, their margins, and CI gates on them. */
export const searchCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'search <suite>',
  describe: 'Find a minimal successful attack per image (fast-check property, shrinking) and bisect its margins',
  builder,
  handler: async (argv) => {
    const maxSamples = wholeNumber('--max-samples', argv.maxSamples, 1, Number.MAX_SAFE_INTEGER);
    const loaded = loadSuite(String(argv.suite));
    const outDir = path.resolve(argv.out ?? path.join('reports', `${loaded.name}-search`));
    const against = argv.against === undefined ? undefined : openRunLog(argv.against);
    const suite = await ensureSuiteDatasets(loaded, (line) => process.stderr.write(line), argv.offline ? { offline: true } : {});
    const plan = searchPlanFromSuite(suite, { ...(maxSamples === undefined ? {} : { maxSamples }), search: overridesOf(argv, suite.search) });
    const controller = new AbortController();
    const onInterrupt = () => {
      if (controller.signal.aborted) process.exit(ExitCode.interrupted);
      process.stderr.write('\nstroop: stopping once the images being searched are done (Ctrl-C again to quit at once); re-run the same command to resume.\n');
      controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    try {
      const searched = await executeSearch({ plan, outDir, maxPixels: argv.maxPixels, offline: argv.offline, signal: controller.signal, ...(against === undefined ? {} : { against }) });
      process.exitCode = searched.exitCode;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};

import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import { compareRuns } from '../../metrics/runComparison.js';
import {
  compareSummaries,
  pairedOutcomes,
  parseModelPairs,
  selectPairedModels,
  type ModelPair,
} from '../../reports/compare/compareSummaries.js';
import { findSummaryDifferences } from '../../reports/compare/findSummaryDifferences.js';
import { formatComparison } from '../../reports/compare/formatComparison.js';
import { loadComparedRun, type ComparedRun } from '../../reports/compare/loadComparedRun.js';
import { readResultLog } from '../../results/resultLog.js';
import type { ArgsOf } from '../argsOf.js';
import { ExitCode } from '../exitCodes.js';
import { withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(
    y
      .positional('baseline', { type: 'string', demandOption: true, describe: 'The baseline summary.json (or its run directory)' })
      .positional('candidate', { type: 'string', demandOption: true, describe: 'The new summary.json (or its run directory)' })
      .option('alpha', { type: 'number', default: 0.05, describe: 'Significance level of the McNemar tests, in (0, 1)' })
      .option('pair', {
        type: 'string',
        array: true,
        describe: 'Pair models of different ids, <baseline id>=<candidate id> (repeatable); only paired models are compared, and both may be entries of one run',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Compare even when the runs differ in a way that makes the comparison meaningless (other classes, prompts, attacks, stroop version)' }),
  )
    .example('$0 compare baseline/summary.json reports/nightly/summary.json', 'Exit 1 when clean or attacked top-1 fell significantly')
    .example('$0 compare reports/v1 reports/v2 --json', 'The comparison as JSON')
    .example('$0 compare reports/q8 reports/q8 --pair fp32=q8', 'Two entries of one run: q8 weights against fp32 (same top-1, near ties)');
}

/** One side, narrowed to its paired models under their pairs' labels (all models when no pair was given). */
function withPairs(run: ComparedRun, pairs: readonly ModelPair[], role: 'baseline' | 'candidate') {
  if (pairs.length === 0) return { ...run, outcomes: (logFile: string) => readResultLog(logFile) };
  return { ...run, summary: selectPairedModels(run.summary, pairs, role, run.file), outcomes: (logFile: string) => pairedOutcomes(readResultLog(logFile), pairs, role) };
}

/** `stroop compare`: what changed between two runs, with McNemar p-values; exit 1 on a significant regression. */
export const compareCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'compare <baseline> <candidate>',
  describe: 'Compare two runs (summary.json) per model and attack, with McNemar p-values; exit 1 on a significant regression',
  builder,
  handler: (argv) => {
    if (!(argv.alpha > 0 && argv.alpha < 1)) throw new UsageError(`--alpha must lie in (0, 1), got ${argv.alpha}.`, '--alpha');
    const pairs = parseModelPairs((argv.pair ?? []).map(String));
    const baseline = withPairs(loadComparedRun(String(argv.baseline), 'baseline'), pairs, 'baseline');
    const candidate = withPairs(loadComparedRun(String(argv.candidate), 'candidate'), pairs, 'candidate');
    const differences = findSummaryDifferences(baseline.summary, candidate.summary);
    const incomparable = differences.filter((d) => d.severity === 'incomparable');
    if (incomparable.length > 0) throw new UsageError(`Cannot compare ${baseline.file} with ${candidate.file}: ${incomparable.map((d) => d.message).join(' ')}`);
    const meaningless = differences.filter((d) => d.severity === 'meaningless');
    if (meaningless.length > 0 && !argv.force) {
      throw new UsageError(`Comparing ${baseline.file} with ${candidate.file} would not mean much: ${meaningless.map((d) => d.message).join(' ')} Pass --force to compare anyway.`, '--force');
    }
    // SigLIP's sigmoid probabilities give a near tie's logit gap differently from a softmax.
    const scoringOf = (run: ComparedRun) => (model: string) => run.summary.models[model]?.scoring?.kind ?? 'softmax';
    const paired =
      baseline.logFile !== null && candidate.logFile !== null
        ? compareRuns(baseline.outcomes(baseline.logFile), candidate.outcomes(candidate.logFile), { baseline: scoringOf(baseline), candidate: scoringOf(candidate) })
        : null;
    const comparison = compareSummaries({
      baseline: { name: baseline.file, summary: baseline.summary },
      candidate: { name: candidate.file, summary: candidate.summary },
      paired,
      alpha: argv.alpha,
      differences,
    });
    process.stdout.write(argv.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison));
    process.exitCode = comparison.regressions.length > 0 ? ExitCode.thresholdBreached : ExitCode.ok;
  },
};

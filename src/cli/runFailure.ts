import type { OutcomeCounts } from '../metrics/indexOutcomes.js';
import { readResultLog } from '../results/resultLog.js';

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

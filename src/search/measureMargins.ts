import type { Margin } from '../results/searchRecord.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import type { AttackOracle } from './AttackOracle.js';
import { bisectThreshold } from './bisectThreshold.js';
import { marginParams } from '../suite/schema/searchEntrySchema.js';

class BudgetSpent extends Error {}

/**
 * Bisects each parameter of `params` (names of marginParams) from the minimal attack toward its
 * weakest value, the rest of the attack held fixed, down to its tolerance. Parameters are
 * independent: each starts from the minimal attack, not from another's threshold.
 */
export async function measureMargins(
  oracle: AttackOracle,
  minimal: AttackSpec,
  params: readonly string[],
  tolerances: Readonly<Partial<Record<string, number>>>,
): Promise<Record<string, Margin>> {
  const margins: Record<string, Margin> = {};
  for (const name of params) {
    const param = marginParams[name];
    if (param === undefined) throw new RangeError(`Unknown margin parameter '${name}'. Valid parameters: ${Object.keys(marginParams).join(', ')}.`);
    const start = param.valueOf(minimal);
    if (start === undefined) {
      margins[name] = { kind: 'notApplicable' };
      continue;
    }
    const tolerance = tolerances[name] ?? param.defaultTolerance;
    const fontSize = new Map<number, number>();
    let steps = 0;
    const flips = async (value: number) => {
      steps += 1;
      // The start is the minimal attack itself (already evaluated), not a recomputed copy of it.
      const evaluation = await oracle.evaluate(value === start ? minimal : param.withValue(minimal, value));
      if (evaluation.kind === 'overBudget') throw new BudgetSpent();
      if (evaluation.kind === 'rendered') fontSize.set(value, evaluation.fontSizePx);
      return evaluation.flipped;
    };
    try {
      const found = await bisectThreshold(flips, start, param.weakest, tolerance);
      if (found.kind === 'startHolds') throw new Error(`internal: the minimal attack no longer flips the prediction when re-evaluated (${name} = ${start})`);
      margins[name] =
        found.kind === 'threshold'
          ? { kind: 'threshold', flipping: found.flipping, holding: found.holding, tolerance, fontSizePx: fontSize.get(found.flipping) ?? 0, steps: found.steps }
          : { kind: 'flipsAtWeakest', flipping: found.flipping, fontSizePx: fontSize.get(found.flipping) ?? 0, steps: found.steps };
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
      margins[name] = { kind: 'overBudget', steps };
    }
  }
  return margins;
}

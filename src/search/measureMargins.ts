import type { Margin } from '../results/searchRecord.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import type { AttackOracle } from './AttackOracle.js';
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

/** Where a parameter's flip happens, found by bisection between a flipping and a holding value. */
export type Threshold =
  | {
      readonly kind: 'threshold';
      /** The value nearest the weak end at which the prediction still flips. */
      readonly flipping: number;
      /** The value nearest it at which the prediction holds; |flipping - holding| <= tolerance. */
      readonly holding: number;
      /** Predicate evaluations used. */
      readonly steps: number;
    }
  | {
      /** Even the weakest value flips: this parameter does not decide the flip. */
      readonly kind: 'flipsAtWeakest';
      readonly flipping: number;
      readonly steps: number;
    }
  | {
      /** The starting value does not flip (the search's counterexample does, so this means the predicate is not deterministic). */
      readonly kind: 'startHolds';
      readonly holding: number;
      readonly steps: number;
    };

/**
 * Bisects the interval between `start` (a value at which the prediction flips) and `weakest`
 * (the weakest value the parameter can take) down to `tolerance`, assuming one crossing: if
 * `flips` changes more than once along the interval, the threshold found is one of the crossings,
 * not necessarily the one nearest the weak end. `weakest` may lie above or below `start`.
 * @param tolerance > 0, in the parameter's own unit.
 */
export async function bisectThreshold(flips: (value: number) => Promise<boolean>, start: number, weakest: number, tolerance: number): Promise<Threshold> {
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError(`A bisection tolerance is a number > 0, got ${tolerance}.`);
  let steps = 0;
  const test = async (value: number) => {
    steps += 1;
    return flips(value);
  };
  if (!(await test(start))) return { kind: 'startHolds', holding: start, steps };
  if (await test(weakest)) return { kind: 'flipsAtWeakest', flipping: weakest, steps };
  let flipping = start;
  let holding = weakest;
  while (Math.abs(flipping - holding) > tolerance) {
    const middle = (flipping + holding) / 2;
    if (await test(middle)) flipping = middle;
    else holding = middle;
  }
  return { kind: 'threshold', flipping, holding, steps };
}

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

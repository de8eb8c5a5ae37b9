import fc from 'fast-check';
import type { AttackConstraintsInput } from '../attacks/attackSpecArb.js';
import { attackSpecArb } from '../attacks/attackSpecArb.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import type { AttackOracle } from './AttackOracle.js';
import type { RankedClass } from '../zeroshot/zeroShotClassification.js';
import type { FlippedRecord } from '../results/searchRecord.js';

/** How hard to look on one image. */
export interface AttackSearchBudget {
  /** fast-check seed of this image. */
  readonly seed: number;
  /** Random attacks tried before the first success, >= 1. */
  readonly numRuns: number;
  /** Interrupt the search (and its shrinking) after this long; absent = no limit. */
  readonly timeLimitMs?: number;
}

/** The result of searching one image. */
export interface AttackSearchResult {
  /** The shrunk counterexample: the weakest attack found that flips the prediction; absent = none found. */
  readonly minimal?: AttackSpec;
  /** fast-check's replay path of `minimal` (with the seed), e.g. "12:3:0:1". */
  readonly path?: string;
  /** Random attacks tried (up to and including the first success, when there is one). */
  readonly runs: number;
  /** Shrinking steps that kept the attack successful. */
  readonly shrinks: number;
  /** The time limit stopped the search or its shrinking. */
  readonly interrupted: boolean;
}

/**
 * Checks the property "the attacked image's top-1 equals the clean top-1" with fast-check over
 * attacks drawn from `constraints` (attackSpecArb, built so that shrinking weakens an attack) and
 * returns the shrunk counterexample, which replays from `budget.seed` and `path` with
 * replayAttackSpec. Attacks past the oracle's budget count as not flipping, so shrinking ends
 * where the budget does and the counterexample is the weakest found by then.
 */
export async function findMinimalAttack(oracle: AttackOracle, constraints: AttackConstraintsInput, budget: AttackSearchBudget): Promise<AttackSearchResult> {
  let failure: unknown;
  // A render or engine failure is not a counterexample: it stops the search and is rethrown.
  const property = fc.asyncProperty(attackSpecArb(constraints), async (spec) => {
    if (failure !== undefined) return true;
    try {
      return !(await oracle.evaluate(spec)).flipped;
    } catch (error) {
      failure = error;
      return true;
    }
  });
  const details = await fc.check(property, {
    seed: budget.seed,
    numRuns: budget.numRuns,
    ...(budget.timeLimitMs === undefined ? {} : { plugins: [fc.interruptAfterTimeLimit(budget.timeLimitMs)] }),
  });
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the render or engine threw, unchanged
  if (failure !== undefined) throw failure;
  const minimal = (details.counterexample as [AttackSpec] | null)?.[0];
  return {
    ...(minimal === undefined ? {} : { minimal, path: details.counterexamplePath ?? '' }),
    runs: details.numRuns,
    shrinks: details.numShrinks,
    interrupted: details.interrupted,
  };
}

/**
 * The words a search writes on one image: every class except the true one and the one the
 * model predicts on the clean image, in the clean image's ranking (classifyZeroShot's order:
 * highest score first, ties in class order). Shrinking goes toward the first, so a minimal
 * attack names the class the model already finds nearest, the smallest nudge.
 * @param ranking every class of the clean image's prediction, best first.
 * @param limit keep only the first `limit` (all when absent).
 */
export function wrongClassTexts(ranking: readonly RankedClass[], trueIndex: number, limit?: number): string[] {
  const wrong = ranking.slice(1).filter((c) => c.index !== trueIndex);
  return wrong.slice(0, limit ?? wrong.length).map((c) => c.label);
}

/**
 * The smallest font (as a fraction of the image height) known to flip this image: the size
 * margin's flipping value when it was bisected, else the minimal attack's.
 */
export function flipFontFraction(record: FlippedRecord): number {
  const size = record.margins['size'];
  const px = size !== undefined && (size.kind === 'threshold' || size.kind === 'flipsAtWeakest') ? Math.min(size.fontSizePx, record.attack.fontSizePx) : record.attack.fontSizePx;
  return px / record.height;
}

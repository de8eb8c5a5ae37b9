import fc from 'fast-check';
import type { AttackOrigin, AttackSpec } from '../spec/attackSpecSchema.js';
import type { AttackConstraintsInput } from './attackConstraints.js';
import { attackSpecArb } from './attackSpecArb.js';

/**
 * `count` attack specs for a sweep, reproducible from `seed` (fast-check's
 * `fc.sample` with that seed). Each spec's `origin` holds the seed and the
 * fast-check path ("0", "1", ...) that replays it with {@link replayAttackSpec}.
 */
export function sampleAttackSpecs(constraints: AttackConstraintsInput, options: { seed: number; count: number }): AttackSpec[] {
  const arb = attackSpecArb(constraints);
  return fc.sample(arb, { seed: options.seed, numRuns: options.count }).map((spec, i) => ({
    ...spec,
    origin: { generator: 'attackSpecArb', seed: options.seed, path: String(i) },
  }));
}

/**
 * The spec generated at `origin` under the same constraints: a sweep sample
 * ("3") or a shrunk counterexample from a failed property ("3:1:0", as printed
 * in fast-check's failure report).
 */
export function replayAttackSpec(constraints: AttackConstraintsInput, origin: Pick<AttackOrigin, 'seed' | 'path'>): AttackSpec {
  const [spec] = fc.sample(attackSpecArb(constraints), { seed: origin.seed, path: origin.path, numRuns: 1 });
  if (spec === undefined) throw new RangeError(`No spec at seed ${origin.seed}, path '${origin.path}'`);
  return { ...spec, origin: { generator: 'attackSpecArb', seed: origin.seed, path: origin.path } };
}

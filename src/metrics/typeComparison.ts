import type { Outcome, ScoredOutcome } from '../results/outcome.js';
import { compareCodeUnits, sortedRecord } from '../util/ordering.js';
import { mcnemarExact, rateOf, type Rate } from './statistics.js';

/**
 * SCAM's view of a run: accuracy per image `type` (SCAM, NoSCAM, SynthSCAM), and the types
 * compared image for image, pairing rows by `id` (SCAM's ids are `<type>_img_<n>`: the same scene
 * under each type). A row is correct when its top-1 is its true label (under scam-binary: the object
 * beat the attack word). Rows without the attributes are left out of this view (they are counted
 * everywhere else).
 */

/** Accuracy of one type of one model. */
export interface TypeAccuracy extends Rate {
  /** Mean probability of the true label (SCAM's `object_prob`), or null without rows. */
  readonly meanLabelProbability: number | null;
}

/** Two types of one model over the scenes both hold. */
export interface TypePair {
  readonly from: string;
  readonly to: string;
  /** Scenes (pair ids) with a scored row of both types. */
  readonly n: number;
  readonly fromAccuracy: Rate;
  readonly toAccuracy: Rate;
  /** Scenes right under `from` and wrong under `to` (the attack took them), and the reverse. */
  readonly lost: number;
  readonly gained: number;
  /** McNemar's exact two-sided p-value of lost vs gained; null when both are 0. */
  readonly mcnemarP: number | null;
}

/** One model's SCAM view. */
export interface TypeComparison {
  /** The attribute naming the type, and the one the pairs are made on. */
  readonly typeAttribute: string;
  readonly pairAttribute: string;
  readonly byType: Readonly<Record<string, TypeAccuracy>>;
  /** Every ordered pair of types (`NoSCAM` -> `SCAM`, ...), types in code-unit order. */
  readonly pairs: readonly TypePair[];
}

/** The scene a row shows: its pair attribute with a leading `<type>_` removed (`SCAM_img_0001` -> `img_0001`). */
export function sceneOf(pairValue: string, type: string): string {
  return pairValue.startsWith(`${type}_`) ? pairValue.slice(type.length + 1) : pairValue;
}

const correct = (row: ScoredOutcome): boolean => row.attacked[0]?.index === row.trueIndex;
const labelProbability = (row: ScoredOutcome): number => row.attacked.find((c) => c.index === row.trueIndex)?.probability ?? 0;

/**
 * The SCAM view of every model of a run, from its outcomes: the rows of attack id `real-world`
 * (each image as it is) whose attributes name a type and a pair id. Models with no such row are
 * absent. Deterministic: keys sorted, pairs in type order.
 */
export function compareTypes(outcomes: Iterable<Outcome>, typeAttribute = 'type', pairAttribute = 'id'): Record<string, TypeComparison> {
  const byModel = new Map<string, Map<string, Map<string, ScoredOutcome>>>();
  for (const outcome of outcomes) {
    if (outcome.kind !== 'scored' || outcome.attackId !== 'real-world') continue;
    const type = outcome.attributes?.[typeAttribute];
    const pair = outcome.attributes?.[pairAttribute];
    if (type === undefined || pair === undefined) continue;
    const types = byModel.get(outcome.model) ?? new Map<string, Map<string, ScoredOutcome>>();
    byModel.set(outcome.model, types);
    const scenes = types.get(String(type)) ?? new Map<string, ScoredOutcome>();
    types.set(String(type), scenes);
    scenes.set(sceneOf(String(pair), String(type)), outcome);
  }
  return sortedRecord([...byModel].map(([model, types]) => [model, comparisonOf(types, typeAttribute, pairAttribute)]));
}

function comparisonOf(types: Map<string, Map<string, ScoredOutcome>>, typeAttribute: string, pairAttribute: string): TypeComparison {
  const names = [...types.keys()].sort(compareCodeUnits);
  const byType = sortedRecord(
    names.map((name): [string, TypeAccuracy] => {
      const rows = [...(types.get(name)?.values() ?? [])];
      const mean = rows.length === 0 ? null : rows.reduce((sum, row) => sum + labelProbability(row), 0) / rows.length;
      return [name, { ...rateOf(rows.filter(correct).length, rows.length), meanLabelProbability: mean }];
    }),
  );
  const pairs: TypePair[] = [];
  for (const from of names) {
    for (const to of names) {
      if (from === to) continue;
      const a = types.get(from) as Map<string, ScoredOutcome>;
      const b = types.get(to) as Map<string, ScoredOutcome>;
      let n = 0;
      let fromRight = 0;
      let toRight = 0;
      let lost = 0;
      let gained = 0;
      for (const [scene, rowA] of a) {
        const rowB = b.get(scene);
        if (rowB === undefined) continue;
        n++;
        const rightA = correct(rowA);
        const rightB = correct(rowB);
        if (rightA) fromRight++;
        if (rightB) toRight++;
        if (rightA && !rightB) lost++;
        if (!rightA && rightB) gained++;
      }
      if (n === 0) continue;
      pairs.push({ from, to, n, fromAccuracy: rateOf(fromRight, n), toAccuracy: rateOf(toRight, n), lost, gained, mcnemarP: lost + gained === 0 ? null : mcnemarExact(lost, gained) });
    }
  }
  return { typeAttribute, pairAttribute, byType, pairs };
}

import { CLEAN } from '../results/outcome.js';
import type { Outcome } from '../results/outcome.js';
import { sortedRecord } from '../util/ordering.js';
import { rateOf, type Rate } from '../metrics/statistics.js';
import type { SearchRecord } from '../results/searchRecord.js';

/** How many of the images one run attack flipped the search also found an attack for. */
export interface AttackCoverage {
  /** Images (with a search record) that at least one scored row of the attack flipped (targeted: turned into the written word's class). */
  readonly flippedByAttack: number;
  /** Of those, the share the search found a successful attack for, with its Wilson interval. */
  readonly found: Rate;
  /** Sample ids the attack flipped and the search did not (held or error), for follow-up. */
  readonly missed: readonly string[];
}

/**
 * Compares a search with a run of the same models and images (`stroop run`'s outcomes): per model
 * and attack, of the images the attack succeeded on, the share for which the search found a
 * successful attack. Success is judged as the search judged it (`goal`): the attacked top-1
 * differs from the clean one (flip), and for a targeted search is the written word's class. Pure.
 */
export function searchCoverage(outcomes: Iterable<Outcome>, records: readonly SearchRecord[], goal: 'flip' | 'targeted'): Record<string, Record<string, AttackCoverage>> {
  const status = new Map(records.map((r) => [`${r.model}\u0000${r.sampleId}`, r.status]));
  const flipped = new Map<string, Map<string, Set<string>>>();
  for (const o of outcomes) {
    if (o.kind !== 'scored' || o.attackId === CLEAN || !status.has(`${o.model}\u0000${o.sampleId}`)) continue;
    const top1 = o.attacked[0]?.index;
    if (o.clean[0]?.index === top1 || (goal === 'targeted' && (o.targetIndex === null || top1 !== o.targetIndex))) continue;
    const byAttack = flipped.get(o.model) ?? new Map<string, Set<string>>();
    flipped.set(o.model, byAttack);
    const samples = byAttack.get(o.attackId) ?? new Set<string>();
    byAttack.set(o.attackId, samples);
    samples.add(o.sampleId);
  }
  return sortedRecord(
    [...flipped].map(([model, byAttack]) => [
      model,
      sortedRecord(
        [...byAttack].map(([attack, samples]) => {
          const missed = [...samples].filter((id) => status.get(`${model}\u0000${id}`) !== 'flipped').sort();
          return [attack, { flippedByAttack: samples.size, found: rateOf(samples.size - missed.length, samples.size), missed }];
        }),
      ),
    ]),
  );
}

import { ConfigError } from '../errors/errors.js';
import { compareCodeUnits } from '../util/ordering.js';
import type { Sample } from './dataset.js';

/**
 * Which names make up a dataset's class set:
 * - `labels`: the true labels;
 * - `labels+attack-texts`: the true labels and every attack text, the rule of the
 *   real-world typographic attack papers, so that "the model read the word" is a
 *   prediction it can make even when the word is not one of the dataset's labels.
 */
export type ClassSetRule = 'labels' | 'labels+attack-texts';

/** The valid {@link ClassSetRule}s. */
export const classSetRules: readonly ClassSetRule[] = Object.freeze(['labels', 'labels+attack-texts']);

/** What the class-set rule reads from a sample. */
export type ClassSetSample = Pick<Sample, 'label' | 'attackText'>;

function addClasses(set: Set<string>, sample: ClassSetSample, withTexts: boolean): void {
  set.add(sample.label);
  if (withTexts && sample.attackText !== undefined) set.add(sample.attackText);
}

const sorted = (set: Set<string>): string[] => [...set].sort(compareCodeUnits);

/**
 * The class set of a dataset under `rule`: distinct names, sorted by UTF-16 code units
 * so the class indices do not depend on sample order (or on a shard). Names are taken
 * verbatim: `Dog` and `dog` are two classes.
 *
 * Given an array (or any iterable) it returns the list; given an async iterable (a
 * dataset's `samples()`) it streams, holding only the set, and returns a promise.
 */
export function classSetOf(samples: Iterable<ClassSetSample>, rule: ClassSetRule): string[];
export function classSetOf(samples: AsyncIterable<ClassSetSample>, rule: ClassSetRule): Promise<string[]>;
export function classSetOf(samples: Iterable<ClassSetSample> | AsyncIterable<ClassSetSample>, rule: ClassSetRule): string[] | Promise<string[]> {
  if (!classSetRules.includes(rule)) {
    throw new ConfigError(`Unknown class-set rule '${String(rule)}'. Valid rules: ${classSetRules.join(', ')}.`);
  }
  const withTexts = rule === 'labels+attack-texts';
  const set = new Set<string>();
  if (Symbol.asyncIterator in samples) {
    return (async () => {
      for await (const sample of samples) addClasses(set, sample, withTexts);
      return sorted(set);
    })();
  }
  for (const sample of samples) addClasses(set, sample, withTexts);
  return sorted(set);
}

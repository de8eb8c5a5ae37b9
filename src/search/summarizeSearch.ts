import { rateOf, type Rate } from '../metrics/statistics.js';
import { sortedRecord } from '../util/ordering.js';
import { flipFontFraction } from './findMinimalAttack.js';
import type { FlippedRecord, HeldRecord, SearchRecord } from '../results/searchRecord.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';

/** One margin parameter over the flipped images of a model (or class). */
export interface MarginSummary {
  /** The flipping value of images with a bisected threshold. */
  readonly threshold: Distribution;
  /** Images whose prediction flips even at the parameter's weakest value. */
  readonly flipsAtWeakest: number;
  readonly notApplicable: number;
  readonly overBudget: number;
}

/** Search results over a set of images. */
export interface SearchGroupSummary {
  /** Images searched (flipped + held). */
  readonly searched: number;
  /** Images with a successful attack found, of those searched, with its Wilson interval. */
  readonly flipRate: Rate;
  /** Of the flipped images, those whose minimal attack made the model predict the written word. */
  readonly targeted: number;
  /** Smallest font known to flip each flipped image, as a fraction of its height (see flipFontFraction). */
  readonly flipFontFraction: Distribution;
  readonly margins: Readonly<Record<string, MarginSummary>>;
}

/** Everything searched with one model. */
export interface SearchModelSummary extends SearchGroupSummary {
  /** Records of this model, flipped, held and error. */
  readonly images: number;
  readonly errors: number;
  /** Error records per stage. */
  readonly errorStages: Readonly<Record<string, number>>;
  /** Searches the time limit cut short; searches that hit the per-image budget. */
  readonly interrupted: number;
  readonly budgetSpent: number;
  /** Model calls (distinct attacked images) per searched image: all, and spent finding and shrinking the minimal attack. */
  readonly modelCalls: Distribution;
  readonly modelCallsToMinimal: Distribution;
  /** Embeddings computed by this process, summed (the rest came from the cache). */
  readonly computed: number;
  /** Held images: the budget each had (random attacks tried). */
  readonly heldRuns: Distribution;
  readonly byClass: Readonly<Record<string, SearchGroupSummary>>;
}

/** `search-summary.json`'s results: plain data, keys sorted. */
export interface SearchSummary {
  readonly images: number;
  readonly models: Readonly<Record<string, SearchModelSummary>>;
}

function groupOf(records: readonly (FlippedRecord | HeldRecord)[], marginNames: readonly string[]): SearchGroupSummary {
  const flipped = records.filter((r): r is FlippedRecord => r.status === 'flipped');
  const margins = marginNames.map((name): [string, MarginSummary] => {
    const found = flipped.map((r) => r.margins[name]);
    return [
      name,
      {
        threshold: distributionOf(found.flatMap((m) => (m?.kind === 'threshold' ? [m.flipping] : []))),
        flipsAtWeakest: found.filter((m) => m?.kind === 'flipsAtWeakest').length,
        notApplicable: found.filter((m) => m?.kind === 'notApplicable').length,
        overBudget: found.filter((m) => m?.kind === 'overBudget').length,
      },
    ];
  });
  return {
    searched: records.length,
    flipRate: rateOf(flipped.length, records.length),
    targeted: flipped.filter((r) => r.attack.targeted).length,
    flipFontFraction: distributionOf(flipped.map(flipFontFraction)),
    margins: sortedRecord(margins),
  };
}

/** Summarises search records per model and per true class (pure; records in any order). */
export function summarizeSearch(records: Iterable<SearchRecord>, marginNames: readonly string[]): SearchSummary {
  const byModel = new Map<string, SearchRecord[]>();
  let images = 0;
  for (const record of records) {
    images += 1;
    const list = byModel.get(record.model) ?? [];
    list.push(record);
    byModel.set(record.model, list);
  }
  const models = [...byModel].map(([model, list]): [string, SearchModelSummary] => {
    const searched = list.filter((r): r is FlippedRecord | HeldRecord => r.status !== 'error');
    const errors = list.filter((r) => r.status === 'error');
    const classes = new Map<string, (FlippedRecord | HeldRecord)[]>();
    for (const r of searched) classes.set(r.trueLabel, [...(classes.get(r.trueLabel) ?? []), r]);
    const errorStages = new Map<string, number>();
    for (const r of errors) errorStages.set(r.stage, (errorStages.get(r.stage) ?? 0) + 1);
    return [
      model,
      {
        images: list.length,
        errors: errors.length,
        errorStages: sortedRecord(errorStages),
        ...groupOf(searched, marginNames),
        interrupted: searched.filter((r) => r.interrupted).length,
        budgetSpent: searched.filter((r) => r.budgetSpent).length,
        modelCalls: distributionOf(searched.map((r) => r.calls.modelCalls)),
        modelCallsToMinimal: distributionOf(searched.map((r) => r.calls.toMinimal)),
        computed: searched.reduce((sum, r) => sum + r.calls.computed, 0),
        heldRuns: distributionOf(searched.filter((r) => r.status === 'held').map((r) => r.runs)),
        byClass: sortedRecord([...classes].map(([label, group]) => [label, groupOf(group, marginNames)])),
      },
    ];
  });
  return { images, models: sortedRecord(models) };
}

/** Five-number summary and mean of a set of values; every field null when there are none. */
export interface Distribution {
  readonly n: number;
  readonly min: number | null;
  /** Quartiles by linear interpolation between order statistics (R type 7, numpy's default). */
  readonly q25: number | null;
  readonly median: number | null;
  readonly q75: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/** The {@link Distribution} of `values` (finite numbers). */
export function distributionOf(values: readonly number[]): Distribution {
  if (values.length === 0) return { n: 0, min: null, q25: null, median: null, q75: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    q25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q75: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** The flipped images of each model with the smallest flipping font, weakest first (ties by sample id). */
export function weakestFlips(records: readonly SearchRecord[], perModel: number): FlippedRecord[] {
  const flipped = records.filter((r): r is FlippedRecord => r.status === 'flipped');
  const models = [...new Set(flipped.map((r) => r.model))].sort();
  return models.flatMap((model) =>
    flipped
      .filter((r) => r.model === model)
      .sort((a, b) => flipFontFraction(a) - flipFontFraction(b) || (a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0))
      .slice(0, perModel),
  );
}

/** One search gate held against one model: plain data. */
export interface SearchGateResult {
  readonly model: string;
  readonly gate: 'minFlipFontFraction' | 'maxFlipRate';
  /** A fraction in [0, 1]. */
  readonly limit: number;
  /** The smallest flip font fraction of the model's images, or its flip rate; null when nothing was searched. */
  readonly actual: number | null;
  readonly passed: boolean;
  /** The image that decides the gate: the flip with the smallest font (for both gates); absent when none flipped. */
  readonly counterexample?: FlippedRecord;
}

/** Holds each model's search against the suite's search gates (none set: no results). */
export function evaluateSearchGates(summary: SearchSummary, records: readonly SearchRecord[], gates: SearchEntry['gates']): SearchGateResult[] {
  if (gates === undefined) return [];
  return Object.entries(summary.models).flatMap(([model, s]): SearchGateResult[] => {
    const weakest = weakestFlips(records.filter((r) => r.model === model), 1)[0];
    const example = weakest === undefined ? {} : { counterexample: weakest };
    const results: SearchGateResult[] = [];
    if (gates.minFlipFontFraction !== undefined) {
      const actual = weakest === undefined ? null : flipFontFraction(weakest);
      results.push({ model, gate: 'minFlipFontFraction', limit: gates.minFlipFontFraction, actual, passed: actual === null || actual >= gates.minFlipFontFraction, ...example });
    }
    if (gates.maxFlipRate !== undefined) {
      const actual = s.flipRate.rate;
      results.push({ model, gate: 'maxFlipRate', limit: gates.maxFlipRate, actual, passed: actual === null || actual <= gates.maxFlipRate, ...example });
    }
    return results;
  });
}

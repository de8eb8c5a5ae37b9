import { rateOf, type Rate } from '../metrics/statistics.js';
import { sortedRecord } from '../util/sortedRecord.js';
import { distributionOf, type Distribution } from './distributionOf.js';
import { flipFontFraction } from './flipFontFraction.js';
import type { FlippedRecord, HeldRecord, SearchRecord } from '../results/searchRecord.js';

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

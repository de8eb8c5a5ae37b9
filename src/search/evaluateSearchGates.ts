import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';
import { flipFontFraction } from './flipFontFraction.js';
import type { FlippedRecord, SearchRecord } from '../results/searchRecord.js';
import { weakestFlips } from './weakestFlips.js';
import type { SearchSummary } from './summarizeSearch.js';

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

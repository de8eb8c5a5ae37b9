import type { SearchCoverageReport } from './searchCards.js';
import { SEARCH_SUMMARY } from '../../results/outputDir.js';
import path from 'node:path';
import { evaluateSearchGates, type SearchGateResult, summarizeSearch, type SearchSummary } from '../../search/summarizeSearch.js';
import { readJsonLog } from '../../results/resultLog.js';
import type { SearchManifest } from '../../results/searchManifest.js';
import { searchRecordSchema, type SearchRecord } from '../../results/searchRecord.js';
import { searchCoverage } from '../../search/searchCoverage.js';
import type { Outcome } from '../../results/outcome.js';
import { renderSearchCards } from './searchCards.js';
import { renderSearchHtml } from './renderSearchHtml.js';
import { renderSearchMarkdown } from './renderSearchMarkdown.js';
import { writeSearchCsv } from './writeSearchCsv.js';
import { scoringOfModels } from '../format.js';
import { writeFileAtomicallySync as writeTextAtomically } from '../../util/writeFileAtomically.js';

/** Minimal attacks shown with thumbnails in search.html per model, and the thumbnails' longest side in px. */
const CARDS_PER_MODEL = 12;
const THUMBNAIL_PX = 96;

/** What the search reports were written from. */
export interface WrittenSearchReports {
  readonly records: readonly SearchRecord[];
  readonly summary: SearchSummary;
  readonly gates: readonly SearchGateResult[];
  /** Per model and run attack, with `against`. */
  readonly coverage?: SearchCoverageReport;
  readonly files: readonly string[];
}

/**
 * Writes `search-summary.json` (settings, provenance, per-model and per-class results, gates),
 * `search.csv`, `search.md` and `search.html` (with the weakest minimal attacks re-rendered as
 * thumbnails) from a search's log, and returns what they hold.
 */
export function writeSearchReports(outDir: string, manifest: SearchManifest, logFile: string, against?: { readonly dir: string; readonly outcomes: Iterable<Outcome> }): WrittenSearchReports {
  const records = [...readJsonLog<SearchRecord>(logFile, searchRecordSchema, 'search')];
  const { margins } = manifest.plan.search;
  const summary = summarizeSearch(records, margins);
  const gates = evaluateSearchGates(summary, records, manifest.plan.search.gates);
  const coverage = against === undefined ? undefined : { run: against.dir, byModel: searchCoverage(against.outcomes, records, manifest.plan.search.goal) };
  const json = {
    stroopVersion: manifest.stroopVersion,
    gitCommit: manifest.gitCommit,
    suite: manifest.plan.name,
    settings: manifest.plan.search,
    models: manifest.models,
    renderer: manifest.renderer,
    decoders: manifest.decoders ?? null,
    host: manifest.host,
    results: summary,
    coverage: coverage ?? null,
    gates: gates.map(({ counterexample, ...g }) => ({ ...g, counterexample: counterexample?.id ?? null })),
  };
  const files = [path.join(outDir, SEARCH_SUMMARY), path.join(outDir, 'search.csv'), path.join(outDir, 'search.md'), path.join(outDir, 'search.html')] as const;
  writeTextAtomically(files[0], `${JSON.stringify(json, null, 2)}\n`);
  writeSearchCsv(files[1], records, margins, scoringOfModels(manifest.models));
  writeTextAtomically(files[2], renderSearchMarkdown(manifest, summary, records, gates, coverage));
  const cards = renderSearchCards({ dir: outDir, manifest, records }, CARDS_PER_MODEL, THUMBNAIL_PX);
  writeTextAtomically(files[3], renderSearchHtml(manifest, summary, gates, cards, coverage));
  return { records, summary, gates, ...(coverage === undefined ? {} : { coverage }), files };
}

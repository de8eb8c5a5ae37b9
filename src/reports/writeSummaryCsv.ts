import { stringify } from 'csv-stringify/sync';
import type { RunMetrics } from '../metrics/runMetrics.js';
import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';
import { csvOptions } from './csvOptions.js';
import { summaryCsvRows } from './summaryCsvRows.js';

/**
 * `summary.csv` (see summaryCsvRows): the degradation metrics as a long table, one row per (model,
 * attack) and per class, attack-parameter bucket and AD50 within it, for analysis elsewhere.
 * Formula-like cells are neutralised (csvOptions). Written atomically: whole or not at all.
 */
export function writeSummaryCsv(file: string, metrics: RunMetrics): void {
  writeFileAtomicallySync(file, stringify(summaryCsvRows(metrics), csvOptions));
}

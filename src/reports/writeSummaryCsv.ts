import { stringify } from 'csv-stringify/sync';
import type { RunMetrics } from '../metrics/runMetrics.js';
import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';
import { csvOptions } from './escape.js';
import type { Degradation } from '../metrics/degradation.js';
import type { ParamCurve } from '../metrics/doseResponse.js';

/**
 * `summary.csv` (see summaryCsvRows): the degradation metrics as a long table, one row per (model,
 * attack) and per class, attack-parameter bucket and AD50 within it, for analysis elsewhere.
 * Formula-like cells are neutralised (csvOptions). Written atomically: whole or not at all.
 */
export function writeSummaryCsv(file: string, metrics: RunMetrics): void {
  writeFileAtomicallySync(file, stringify(summaryCsvRows(metrics), csvOptions));
}

const summaryColumns = [
  'scope', 'model', 'attack_id', 'class', 'param', 'bucket', 'n',
  'clean_acc1', 'attacked_acc1', 'attacked_acc1_low', 'attacked_acc1_high', 'drop_acc1', 'relative_drop_acc1',
  'clean_acc5', 'attacked_acc5', 'flip_rate', 'flip_rate_low', 'flip_rate_high',
  'untargeted_asr', 'untargeted_asr_low', 'untargeted_asr_high', 'untargeted_asr_n',
  'targeted_asr', 'targeted_asr_low', 'targeted_asr_high', 'targeted_asr_n', 'target_match_rate', 'target_match_n',
  'mcnemar_b', 'mcnemar_c', 'mcnemar_p',
  'ad50', 'ad50_bound', 'ad50_level',
] as const;

const cell = (v: number | null) => (v === null ? '' : v);

function degradationCells(d: Degradation): unknown[] {
  return [
    d.n, cell(d.clean.acc1.rate), cell(d.attacked.acc1.rate), cell(d.attacked.acc1.lower), cell(d.attacked.acc1.upper),
    cell(d.drop.acc1.absolute), cell(d.drop.acc1.relative), cell(d.clean.acc5.rate), cell(d.attacked.acc5.rate),
    cell(d.flipRate.rate), cell(d.flipRate.lower), cell(d.flipRate.upper),
    cell(d.untargetedAsr.rate), cell(d.untargetedAsr.lower), cell(d.untargetedAsr.upper), d.untargetedAsr.n,
    cell(d.targetedAsr.rate), cell(d.targetedAsr.lower), cell(d.targetedAsr.upper), d.targetedAsr.n,
    cell(d.targetMatchRate.rate), d.targetMatchRate.n,
    d.mcnemar.b, d.mcnemar.c, d.mcnemar.pValue,
  ];
}

/** The leading cells, blanks, then the trailing cells: a row as wide as the header. */
function row(lead: readonly unknown[], tail: readonly unknown[] = []): unknown[] {
  return [...lead, ...Array<string>(summaryColumns.length - lead.length - tail.length).fill(''), ...tail];
}

function ad50Rows(model: string, attack: string, byParam: Readonly<Record<string, ParamCurve>>): unknown[][] {
  return Object.entries(byParam).flatMap(([param, curve]) => {
    if (curve.ad50 === null) return [];
    const n = curve.buckets.reduce((sum, b) => sum + b.n, 0);
    return [row(['ad50', model, attack, '', param, '', n], [cell(curve.ad50.dose), curve.ad50.bound, cell(curve.ad50.level)])];
  });
}

/**
 * `summary.csv`'s rows, the header first: the degradation metrics as a long table, every row as
 * wide as the header. `scope` says what a row covers: `clean` (a model's unique samples), `attack`,
 * `class` and `param` (one bucket of one attack parameter) within an attack, and `ad50` (a
 * parameter's AD50, with `attack_id` empty for the model's curve across all its attacks; `n` is
 * the curve's scored rows, the metric columns are blank). The `ad50` columns are filled on `ad50`
 * rows only. Pure; cells are numbers or strings (data strings as they are: the CSV writer
 * neutralises formulas).
 */
export function summaryCsvRows(metrics: RunMetrics): unknown[][] {
  const rows: unknown[][] = [[...summaryColumns]];
  for (const [model, m] of Object.entries(metrics.models)) {
    rows.push(row(['clean', model, 'clean', '', '', '', m.clean.samples, cell(m.clean.acc1.rate), '', '', '', '', '', cell(m.clean.acc5.rate)]));
    for (const [attack, a] of Object.entries(m.attacks)) {
      rows.push(row(['attack', model, attack, '', '', '', ...degradationCells(a)]));
      for (const [label, d] of Object.entries(a.byClass)) rows.push(row(['class', model, attack, label, '', '', ...degradationCells(d)]));
      for (const [param, curve] of Object.entries(a.byParam)) {
        for (const bucket of curve.buckets) rows.push(row(['param', model, attack, '', param, bucket.label, ...degradationCells(bucket)]));
      }
      rows.push(...ad50Rows(model, attack, a.byParam));
    }
    rows.push(...ad50Rows(model, '', m.byParam));
  }
  return rows;
}

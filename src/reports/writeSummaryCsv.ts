import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Degradation, RunMetrics } from '../metrics/runMetrics.js';
import { csvOptions } from './csvOptions.js';

const columns = [
  'scope', 'model', 'attack_id', 'class', 'param', 'bucket', 'n',
  'clean_acc1', 'attacked_acc1', 'attacked_acc1_low', 'attacked_acc1_high', 'drop_acc1', 'relative_drop_acc1',
  'clean_acc5', 'attacked_acc5', 'flip_rate', 'flip_rate_low', 'flip_rate_high',
  'targeted_success_rate', 'targeted_success_low', 'targeted_success_high', 'targeted_n', 'mcnemar_b', 'mcnemar_c', 'mcnemar_p',
] as const;

function degradationCells(d: Degradation): unknown[] {
  const cell = (v: number | null) => (v === null ? '' : v);
  return [
    d.n, cell(d.clean.acc1.rate), cell(d.attacked.acc1.rate), cell(d.attacked.acc1.lower), cell(d.attacked.acc1.upper),
    cell(d.drop.acc1.absolute), cell(d.drop.acc1.relative), cell(d.clean.acc5.rate), cell(d.attacked.acc5.rate),
    cell(d.flipRate.rate), cell(d.flipRate.lower), cell(d.flipRate.upper),
    cell(d.targetSuccessRate.rate), cell(d.targetSuccessRate.lower), cell(d.targetSuccessRate.upper), d.targetSuccessRate.n,
    d.mcnemar.b, d.mcnemar.c, d.mcnemar.pValue,
  ];
}

/**
 * `summary.csv`: the degradation metrics as a long table, one row per (model, attack) and per
 * class and attack-parameter bucket within it (`scope` says which), for analysis elsewhere.
 */
export function writeSummaryCsv(file: string, metrics: RunMetrics): void {
  const rows: unknown[][] = [[...columns]];
  for (const [model, m] of Object.entries(metrics.models)) {
    rows.push(['clean', model, 'clean', '', '', '', m.clean.samples, m.clean.acc1.rate ?? '', '', '', '', '', '', m.clean.acc5.rate ?? '']);
    for (const [attack, a] of Object.entries(m.attacks)) {
      rows.push(['attack', model, attack, '', '', '', ...degradationCells(a)]);
      for (const [label, d] of Object.entries(a.byClass)) rows.push(['class', model, attack, label, '', '', ...degradationCells(d)]);
      for (const [param, curve] of Object.entries(a.byParam)) {
        for (const bucket of curve.buckets) rows.push(['param', model, attack, '', param, bucket.label, ...degradationCells(bucket)]);
      }
    }
  }
  fs.writeFileSync(`${file}.tmp`, stringify(rows, csvOptions));
  fs.renameSync(`${file}.tmp`, file);
}

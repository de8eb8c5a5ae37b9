import { dropOf } from './dropOf.js';
import { mcnemarExact } from './mcnemarExact.js';
import type { PairedRow } from './pairedRow.js';
import { rateOf } from './rateOf.js';
import type { Degradation } from './runMetrics.js';
import { summarizeAccuracy } from './summarizeAccuracy.js';

/** Clean versus attacked accuracy, drops, flip rate, targeted success and McNemar's test over paired rows. */
export function summarizeDegradation(rows: readonly PairedRow[]): Degradation {
  const clean = summarizeAccuracy(rows.map((row) => row.clean));
  const attacked = summarizeAccuracy(rows.map((row) => row.attacked));
  let flips = 0;
  let targeted = 0;
  let hits = 0;
  let b = 0;
  let c = 0;
  for (const row of rows) {
    const cleanTop = row.clean.ranked[0];
    const attackedTop = row.attacked.ranked[0];
    if (cleanTop !== attackedTop) flips++;
    if (row.targetIndex !== null && row.targetIndex !== row.clean.trueIndex) {
      targeted++;
      if (attackedTop === row.targetIndex) hits++;
    }
    const cleanCorrect = cleanTop === row.clean.trueIndex;
    const attackedCorrect = attackedTop === row.attacked.trueIndex;
    if (cleanCorrect && !attackedCorrect) b++;
    if (!cleanCorrect && attackedCorrect) c++;
  }
  return {
    n: rows.length,
    clean,
    attacked,
    drop: {
      acc1: dropOf(clean.acc1.rate, attacked.acc1.rate),
      acc5: dropOf(clean.acc5.rate, attacked.acc5.rate),
      meanPerClassRecall: dropOf(clean.meanPerClassRecall, attacked.meanPerClassRecall),
    },
    flipRate: rateOf(flips, rows.length),
    targetSuccessRate: rateOf(hits, targeted),
    mcnemar: { b, c, pValue: mcnemarExact(b, c) },
  };
}

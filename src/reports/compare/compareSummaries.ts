import { compareCodeUnits } from '../../util/compareCodeUnits.js';
import type { PairedChange, RunComparison } from '../../metrics/runComparison.js';
import type { Rate } from '../../metrics/rateOf.js';
import type { AttackMetrics } from '../../metrics/runMetrics.js';
import type { RunSummary } from '../writeRunReports.js';
import type { SummaryDifference } from './findSummaryDifferences.js';
import type { AccuracyChange, ComparisonRow, SummaryComparison } from './summaryComparison.js';

/** What {@link compareSummaries} compares. */
export interface ComparisonInput {
  readonly baseline: { readonly name: string; readonly summary: RunSummary };
  readonly candidate: { readonly name: string; readonly summary: RunSummary };
  /** `compareRuns` of both result logs, or null when either log is missing (no p-values). */
  readonly paired: RunComparison | null;
  /** Significance level in (0, 1). */
  readonly alpha: number;
  readonly differences: readonly SummaryDifference[];
}

function unpaired(baseline: Rate | null, candidate: Rate | null): AccuracyChange {
  const change = baseline?.rate == null || candidate?.rate == null ? null : candidate.rate - baseline.rate;
  const regression = baseline?.lower != null && candidate?.upper != null && candidate.upper < baseline.lower;
  return { baseline, candidate, change, pairs: null, pValue: null, agreement: null, nearTieDisagreements: null, regression };
}

function paired(p: PairedChange | undefined, alpha: number): AccuracyChange {
  if (p === undefined) return { baseline: null, candidate: null, change: null, pairs: 0, pValue: null, agreement: null, nearTieDisagreements: null, regression: false };
  const pValue = p.n === 0 ? null : p.mcnemar.pValue;
  return { baseline: p.baseline, candidate: p.candidate, change: p.change, pairs: p.n, pValue, agreement: p.agreement, nearTieDisagreements: p.nearTieDisagreements, regression: p.change !== null && p.change < 0 && pValue !== null && pValue < alpha };
}

function attackRow(model: string, attack: string, a: AttackMetrics | undefined, b: AttackMetrics | undefined, pairedChange: PairedChange | undefined, input: ComparisonInput): ComparisonRow {
  return {
    model,
    attack,
    // Clean accuracy is tested once per model, on the `clean` row; here it is context.
    cleanAcc1: { ...unpaired(a?.clean.acc1 ?? null, b?.clean.acc1 ?? null), regression: false },
    attackedAcc1: input.paired === null ? unpaired(a?.attacked.acc1 ?? null, b?.attacked.acc1 ?? null) : paired(pairedChange, input.alpha),
    drop: { baseline: a?.drop.acc1.absolute ?? null, candidate: b?.drop.acc1.absolute ?? null },
    asr: { baseline: a?.targetSuccessRate ?? null, candidate: b?.targetSuccessRate ?? null },
  };
}

/**
 * Compares two runs per model x attack: clean and attacked top-1, drop and targeted success.
 * With both result logs (`paired`), accuracy changes are over the samples both runs scored, with
 * McNemar's exact p-value, and a regression is a drop with p < alpha; without them, rates come
 * from the summaries and a regression is a candidate interval wholly below the baseline's (a
 * conservative test). Only models in both runs are compared. Pure.
 */
export function compareSummaries(input: ComparisonInput): SummaryComparison {
  const a = input.baseline.summary.metrics.models;
  const b = input.candidate.summary.metrics.models;
  const models = Object.keys(a).filter((id) => Object.hasOwn(b, id)).sort(compareCodeUnits);
  const rows = models.flatMap((model) => {
    const ma = a[model];
    const mb = b[model];
    if (ma === undefined || mb === undefined) return [];
    const pairedModel = input.paired?.models[model];
    const clean: ComparisonRow = {
      model,
      attack: 'clean',
      cleanAcc1: input.paired === null ? unpaired(ma.clean.acc1, mb.clean.acc1) : paired(pairedModel?.clean, input.alpha),
      attackedAcc1: null,
      drop: null,
      asr: null,
    };
    const attacks = [...new Set([...Object.keys(ma.attacks), ...Object.keys(mb.attacks)])].sort(compareCodeUnits);
    const pick = (m: typeof ma, id: string) => (Object.hasOwn(m.attacks, id) ? m.attacks[id] : undefined);
    const pairedAttack = (id: string) => (pairedModel !== undefined && Object.hasOwn(pairedModel.attacks, id) ? pairedModel.attacks[id] : undefined);
    return [clean, ...attacks.map((id) => attackRow(model, id, pick(ma, id), pick(mb, id), pairedAttack(id), input))];
  });
  const regressions = rows.filter((r) => (r.attack === 'clean' ? r.cleanAcc1.regression : r.attackedAcc1?.regression === true));
  return { baseline: input.baseline.name, candidate: input.candidate.name, alpha: input.alpha, paired: input.paired !== null, differences: input.differences, rows, regressions };
}

import { cleanAttackId } from '../metrics/indexOutcomes.js';
import { compareCodeUnits } from '../util/compareCodeUnits.js';
import type { OutcomeCounts } from '../metrics/outcomeCounts.js';
import type { Degradation, RunMetrics } from '../metrics/runMetrics.js';
import type { SuiteGates, SuiteThresholds } from '../suite/suite.js';
import { gateNames, type GateName, type GateResult } from './gateResult.js';

/** What else {@link evaluateGates} holds to the gates. */
export interface GateOptions {
  /**
   * Attack ids that must be measured (the plan's): one the metrics lack (no row at all, e.g. an
   * interrupted run) fails every gate that applies to it instead of passing unnoticed.
   */
  readonly attackIds?: readonly string[];
  /** Also hold each true class of each attack to the same limits (rows with `className` set). */
  readonly perClass?: boolean;
}

/**
 * Slack for floating-point sums: a drop of 0.30000000000000004 against a limit of 0.3 is not a
 * breach. Far below any rate a run can resolve (1 / rows).
 */
const tolerance = 1e-9;

function noteForNoRows(counts: OutcomeCounts | undefined): string {
  if (counts === undefined || counts.total === 0) return 'no rows for this attack';
  const errors = Object.values(counts.errors).reduce((a, b) => a + b, 0);
  return `no scored rows (${counts.unrenderable} unrenderable, ${errors} errors)`;
}

function holdGate(gate: GateName, limit: number, d: Degradation | undefined, counts: OutcomeCounts | undefined) {
  const base = { gate, limit };
  if (d === undefined || d.n === 0) return { ...base, actual: null, interval: null, n: 0, passed: false, note: noteForNoRows(counts) };
  if (gate === 'maxDrop') {
    const actual = d.drop.acc1.absolute;
    return { ...base, actual, interval: null, n: d.n, passed: actual !== null && actual <= limit + tolerance, note: null };
  }
  const rate = gate === 'maxAsr' ? d.targetSuccessRate : d.attacked.acc1;
  if (rate.rate === null) {
    // maxAsr over rows whose text names no other class: a targeted hit is impossible, so the gate holds.
    return { ...base, actual: null, interval: null, n: 0, passed: true, note: "no row's text names a class other than the true one" };
  }
  const interval = rate.lower === null || rate.upper === null ? null : { lower: rate.lower, upper: rate.upper };
  const passed = gate === 'maxAsr' ? rate.rate <= limit + tolerance : rate.rate >= limit - tolerance;
  return { ...base, actual: rate.rate, interval, n: rate.n, passed, note: null };
}

function gatesFor(thresholds: SuiteThresholds, attack: string): [GateName, number][] {
  const merged: SuiteGates = { ...thresholds, ...(Object.hasOwn(thresholds.perAttack, attack) ? thresholds.perAttack[attack] : {}) };
  return gateNames.flatMap((gate): [GateName, number][] => {
    const limit = merged[gate];
    return limit === undefined ? [] : [[gate, limit]];
  });
}

/**
 * Holds every model x attack of a run to its gates: the suite-wide limits, overridden per
 * attack id by `thresholds.perAttack`. One result per (model, attack, gate), models and attacks
 * in code-unit order, gates in {@link gateNames} order; with `perClass`, each followed by one
 * result per true class. Clean-only rows are never gated.
 *
 * An attack with no scored rows fails its gates (`actual` null, `note` says why): a gate that
 * could not be checked must not pass silently. `maxAsr` passes with `actual` null when no row's
 * text names a class other than the true one (no targeted hit is possible). Pure.
 */
export function evaluateGates(metrics: RunMetrics, thresholds: SuiteThresholds | undefined, options: GateOptions = {}): GateResult[] {
  if (thresholds === undefined) return [];
  const results: GateResult[] = [];
  for (const [model, m] of Object.entries(metrics.models)) {
    const attacks = new Set([...Object.keys(m.attacks), ...(options.attackIds ?? [])]);
    attacks.delete(cleanAttackId);
    for (const attack of [...attacks].sort(compareCodeUnits)) {
      const a = Object.hasOwn(m.attacks, attack) ? m.attacks[attack] : undefined;
      for (const [gate, limit] of gatesFor(thresholds, attack)) {
        results.push({ model, attack, className: null, ...holdGate(gate, limit, a, a?.counts) });
        if (options.perClass !== true || a === undefined) continue;
        for (const [className, d] of Object.entries(a.byClass)) results.push({ model, attack, className, ...holdGate(gate, limit, d, undefined) });
      }
    }
  }
  return results;
}

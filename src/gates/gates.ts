import type { Degradation } from '../metrics/degradation.js';
import { cleanAttackId, type OutcomeCounts } from '../metrics/indexOutcomes.js';
import type { RunMetrics } from '../metrics/runMetrics.js';
import type { Interval } from '../metrics/statistics.js';
import type { SuiteGates, SuiteThresholds } from '../suite/suite.js';
import { compareCodeUnits } from '../util/ordering.js';

/** The CI gates a suite or the command line can set (see SuiteGates). */
export type GateName = 'maxDrop' | 'maxAsr' | 'minAttackedAcc';

/** Gates in the order reports list them. */
export const gateNames: readonly GateName[] = Object.freeze(['maxDrop', 'maxAsr', 'minAttackedAcc']);

/**
 * One gate held against one model x attack (or one true class of it): plain data, JSON-serialisable.
 * `maxDrop` and `maxAsr` pass when `actual <= limit`, `minAttackedAcc` when `actual >= limit`.
 */
export interface GateResult {
  readonly model: string;
  readonly attack: string;
  /** The true class of a per-class gate; null for the attack as a whole. */
  readonly className: string | null;
  readonly gate: GateName;
  /** The limit, a fraction in [0, 1]. */
  readonly limit: number;
  /**
   * What was measured: the absolute top-1 drop in [-1, 1] (maxDrop), the targeted attack success
   * rate `targetedAsr` in [0, 1] (maxAsr), the attacked top-1 accuracy in [0, 1] (minAttackedAcc); null when there
   * was nothing to measure (`note` says why).
   */
  readonly actual: number | null;
  /** Wilson 95% interval of `actual` for rates; null for the drop and when unmeasured. */
  readonly interval: Interval | null;
  /** Rows `actual` is over (scored rows; for maxAsr, those whose text names another class that the clean top-1 was not). */
  readonly n: number;
  readonly passed: boolean;
  /** Why `actual` is null, or null. */
  readonly note: string | null;
}

const symbol = { maxDrop: '<=', maxAsr: '<=', minAttackedAcc: '>=' } as const;
const measured = { maxDrop: 'top-1 drop', maxAsr: 'targeted ASR', minAttackedAcc: 'attacked top-1' } as const;

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** Control characters (ANSI escapes, newlines) in ids and labels would rewrite the terminal: shown as `?`. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/**
 * One line saying what a gate measured against what it allows, e.g.
 * `clip / sticker: maxDrop failed: top-1 drop 15.0% (n=20), allowed <= 10.0%`.
 * For the terminal (control characters in labels become `?`), not for HTML or Markdown.
 */
export function describeGate(result: GateResult): string {
  const scope = printable(`${result.model} / ${result.attack}${result.className === null ? '' : ` / class ${result.className}`}`);
  const interval = result.interval === null ? '' : ` [95% CI ${pct(result.interval.lower)}, ${pct(result.interval.upper)}]`;
  const value = result.actual === null ? `not measured (${result.note ?? 'no data'})` : `${measured[result.gate]} ${pct(result.actual)}${interval} (n=${result.n})`;
  return `${scope}: ${result.gate} ${result.passed ? 'passed' : 'failed'}: ${value}, allowed ${symbol[result.gate]} ${pct(result.limit)}`;
}

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
  const rate = gate === 'maxAsr' ? d.targetedAsr : d.attacked.acc1;
  if (rate.rate === null) {
    // maxAsr over rows whose text names no other class: a targeted hit is impossible, so the gate holds.
    return { ...base, actual: null, interval: null, n: 0, passed: true, note: "no row's text names a class other than the true one and other than its clean top-1" };
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
 * text names a class other than the true one and other than its clean top-1 (the word can move
 * no prediction). Pure.
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

/**
 * The thresholds a run is held to: the suite's, with every gate given on the command line
 * replacing the suite-wide value and any per-attack override of that gate (a flag is the last
 * word: `--max-drop 0.1` means 0.1 for every attack). Gates no flag names keep the suite's
 * values. Undefined when neither sets any gate. Pure; the inputs are not modified.
 */
export function applyGateFlags(suite: SuiteThresholds | undefined, flags: SuiteGates): SuiteThresholds | undefined {
  const given = gateNames.filter((gate) => flags[gate] !== undefined);
  if (given.length === 0) return suite;
  const withoutFlagged = (gates: SuiteGates): SuiteGates => Object.fromEntries(Object.entries(gates).filter(([gate]) => !given.includes(gate as never)));
  const perAttack = Object.entries(suite?.perAttack ?? {})
    .map(([attack, gates]): [string, SuiteGates] => [attack, withoutFlagged(gates)])
    .filter(([, gates]) => Object.keys(gates).length > 0);
  return { ...withoutFlagged(suite ?? {}), ...Object.fromEntries(given.map((gate) => [gate, flags[gate]])), perAttack: Object.fromEntries(perAttack) };
}

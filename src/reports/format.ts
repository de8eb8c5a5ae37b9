import type { Rate } from '../metrics/statistics.js';
import type { GateResult } from '../gates/gates.js';
import type { ModelProvenance } from '../results/runManifest.js';
import type { ScoringKind } from '../zeroshot/scoringRule.js';
import type { RunSummary } from './runSummary.js';
import type { AttackMetrics, RunMetrics } from '../metrics/runMetrics.js';
import type { Degradation } from '../metrics/degradation.js';

/** A fraction as a percentage with one decimal (`42.5%`); `n/a` for null. */
export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`;
}

/** A difference of fractions in percentage points with its sign (`-12.5 pts`); `n/a` for null. */
export function formatPoints(value: number | null): string {
  if (value === null) return 'n/a';
  const points = 100 * value;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)} pts`;
}

/** A fraction with its interval, `42.5% (30.1–55.9)`; without an interval just the percentage. */
export function formatWithInterval(value: number | null, interval: { readonly lower: number; readonly upper: number } | null): string {
  if (value === null || interval === null) return formatPercent(value);
  return `${formatPercent(value)} (${(100 * interval.lower).toFixed(1)}–${(100 * interval.upper).toFixed(1)})`;
}

/** A rate with its Wilson 95% interval, `42.5% (30.1–55.9)`; `n/a` when it has no rows. */
export function formatRate(rate: Rate): string {
  if (rate.rate === null || rate.lower === null || rate.upper === null) return 'n/a';
  return formatWithInterval(rate.rate, { lower: rate.lower, upper: rate.upper });
}

/**
 * A parameter value for people, in the parameter's own unit: three significant digits below
 * 1000 (`23.4`, `0.35`, `512`), a whole number above (`1234`); trailing zeros dropped.
 */
export function formatDose(dose: number): string {
  if (Math.abs(dose) >= 1000) return Math.round(dose).toString();
  return String(Number(dose.toPrecision(3)));
}

/**
 * `all 6 gates passed`, `2 of 6 gates failed` or `no gates set`, over the attack-level gates;
 * with `symbols`, led by ✅ or ❌ (for Markdown viewers, which have emoji fonts).
 */
export function gateHeadline(gates: readonly GateResult[], symbols = false): string {
  const attackGates = gates.filter((g) => g.className === null);
  if (attackGates.length === 0) return 'no gates set';
  const failed = attackGates.filter((g) => !g.passed).length;
  const mark = (symbol: string) => (symbols ? `${symbol} ` : '');
  return failed === 0 ? `${mark('✅')}all ${attackGates.length} gates passed` : `${mark('❌')}${failed} of ${attackGates.length} gates failed`;
}

/**
 * How a model ran, in one short label: `tfjs/wasm fp32`, `onnx/cpu q8`. The onnx engine's
 * backend already names its dtype (`cpu q8`), tfjs's does not (`wasm`), so the dtype is added
 * only where it is missing.
 */
export function runtimeLabel(model: Pick<ModelProvenance, 'engine' | 'backend' | 'dtype'>): string {
  return model.backend.split(' ').includes(model.dtype) ? `${model.engine}/${model.backend}` : `${model.engine}/${model.backend} ${model.dtype}`;
}

/**
 * Each model's scoring rule kind, from the models a run or search recorded (a model recorded
 * before SigLIP support, or not recorded at all, is CLIP's softmax).
 */
export function scoringOfModels(models: Readonly<Record<string, Pick<ModelProvenance, 'scoring'>>> | undefined): (model: string) => ScoringKind {
  return (model) => (models !== undefined && Object.hasOwn(models, model) ? models[model]?.scoring?.kind : undefined) ?? 'softmax';
}

/**
 * The sentence a report puts under a SigLIP model, so its probabilities are never read as a
 * distribution over the classes; undefined for a softmax (nothing to warn about).
 */
export function scoringNote(kind: ScoringKind): string | undefined {
  if (kind === 'softmax') return undefined;
  return "Probabilities are SigLIP's per-class sigmoid probabilities: each class is scored on its own, so they do not sum to 1 over the classes. Top-1 is the class with the highest logit.";
}

/** Characters of a SHA-256 shown in reports: enough to tell files apart at a glance. */
export const shaPrefixLength = 12;

/** One model's provenance, as plain strings (not escaped). */
export interface ModelProvenanceParts {
  readonly id: string;
  /** `tfjs/wasm fp32`. */
  readonly runtime: string;
  /** `model.safetensors 7034322b4ca2`, one per file. */
  readonly files: readonly string[];
}

/** What a report must say about where its numbers came from, as plain strings (not escaped). */
export interface ProvenanceParts {
  /** `stroop 0.1.0`. */
  readonly version: string;
  /** `commit 9761d5b` or `commit unknown`. */
  readonly commit: string;
  readonly models: readonly ModelProvenanceParts[];
  /** `sticker seed 0 x1`, one per attack. */
  readonly seeds: readonly string[];
  /** `suite smoke, plan 4831853495974b`. */
  readonly plan: string;
  readonly generatedAt: string;
}

/** The provenance of a run summary as short strings, for the Markdown and HTML reports. */
export function provenanceParts(summary: RunSummary): ProvenanceParts {
  return {
    version: `stroop ${summary.stroopVersion}`,
    commit: `commit ${summary.gitCommit === null ? 'unknown' : summary.gitCommit.slice(0, shaPrefixLength)}`,
    models: Object.values(summary.models).map((m) => ({
      id: m.id,
      runtime: runtimeLabel(m),
      files: m.files.map((f) => `${f.file} ${f.sha256.slice(0, shaPrefixLength)}`),
    })),
    seeds: summary.attacks.map((a) => `${a.id} seed ${a.seed} x${a.n}`),
    plan: `suite ${summary.suite}, plan ${summary.planHash.slice(0, shaPrefixLength)}`,
    generatedAt: summary.generatedAt,
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   n/a' : `${(100 * v).toFixed(1).padStart(5)}%`);

/**
 * A plain-text table of clean vs attacked accuracy per model and attack, for the terminal. An
 * attack whose rows carry a `dataset` breakdown with two or more datasets gets one line per
 * dataset (`attack @ dataset`) instead of one pooled line.
 */
export function formatSummaryTable(metrics: RunMetrics): string {
  const rows: Array<{ model: string; label: string; n: number; cells: string }> = [];
  for (const [model, m] of Object.entries(metrics.models)) {
    const perDatasetOf = (a: AttackMetrics) => a.byParam['dataset']?.buckets.filter((bucket) => bucket.n > 0) ?? [];
    // With attacks shown per dataset, the clean line pools them; each dataset's clean accuracy is in its attack lines.
    const split = Object.values(m.attacks).some((a) => perDatasetOf(a).length >= 2);
    rows.push({ model, label: split ? 'clean @ all datasets' : 'clean', n: m.clean.samples, cells: pct(m.clean.acc1.rate) });
    for (const [attack, a] of Object.entries(m.attacks)) {
      const perDataset = perDatasetOf(a);
      const parts: Array<{ label: string; d: Degradation }> = perDataset.length >= 2 ? perDataset.map((bucket) => ({ label: `${attack} @ ${bucket.label}`, d: bucket })) : [{ label: attack, d: a }];
      for (const { label, d } of parts) {
        rows.push({ model, label, n: d.n, cells: `${pct(d.clean.acc1.rate)}  ${pct(d.attacked.acc1.rate)}  ${pct(d.drop.acc1.absolute)}  ${pct(d.flipRate.rate)}  ${pct(d.untargetedAsr.rate)}  ${pct(d.targetedAsr.rate)}` });
      }
    }
  }
  const width = Math.min(40, Math.max(20, ...rows.map((row) => row.label.length)));
  const lines = [`model                ${'attack'.padEnd(width)} n      clean  attacked     drop   flips      asr  targeted`];
  for (const row of rows) lines.push(`${row.model.slice(0, 20).padEnd(20)} ${row.label.slice(0, width).padEnd(width)} ${String(row.n).padStart(5)}  ${row.cells}`);
  const { counts } = metrics;
  const errors = Object.values(counts.errors).reduce((x, y) => x + y, 0);
  lines.push(`${counts.total} rows: ${counts.scored} scored, ${counts.unrenderable} unrenderable, ${errors} errors${errors > 0 ? ` (${Object.entries(counts.errors).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')})` : ''}`);
  return `${lines.join('\n')}\n`;
}

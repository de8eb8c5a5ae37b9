import type { RunMetrics } from '../metrics/runMetrics.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   n/a' : `${(100 * v).toFixed(1).padStart(5)}%`);

/** A plain-text table of clean vs attacked accuracy per model and attack, for the terminal. */
export function formatSummaryTable(metrics: RunMetrics): string {
  const lines = ['model                attack               n      clean  attacked     drop   flips  targeted'];
  for (const [model, m] of Object.entries(metrics.models)) {
    lines.push(`${model.slice(0, 20).padEnd(20)} ${'clean'.padEnd(20)} ${String(m.clean.samples).padStart(5)}  ${pct(m.clean.acc1.rate)}`);
    for (const [attack, a] of Object.entries(m.attacks)) {
      lines.push(
        `${model.slice(0, 20).padEnd(20)} ${attack.slice(0, 20).padEnd(20)} ${String(a.n).padStart(5)}  ${pct(a.clean.acc1.rate)}  ${pct(a.attacked.acc1.rate)}  ${pct(a.drop.acc1.absolute)}  ${pct(a.flipRate.rate)}  ${pct(a.targetSuccessRate.rate)}`,
      );
    }
  }
  const { counts } = metrics;
  const errors = Object.values(counts.errors).reduce((x, y) => x + y, 0);
  lines.push(`${counts.total} rows: ${counts.scored} scored, ${counts.unrenderable} unrenderable, ${errors} errors${errors > 0 ? ` (${Object.entries(counts.errors).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')})` : ''}`);
  return `${lines.join('\n')}\n`;
}

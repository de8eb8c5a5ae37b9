import type { GateResult } from '../../gates/gateResult.js';
import type { OutcomeCounts } from '../../metrics/outcomeCounts.js';
import type { ModelMetrics } from '../../metrics/runMetrics.js';
import { escapeMarkdown as md } from '../escape/escapeMarkdown.js';
import { formatPercent, formatPoints, formatRate, formatWithInterval } from '../format/formatRate.js';
import { gateHeadline } from '../format/gateHeadline.js';
import { provenanceParts } from '../format/provenanceParts.js';
import type { RunSummary } from '../writeRunReports.js';

const gateLabel = { maxDrop: 'max drop', maxAsr: 'max targeted ASR', minAttackedAcc: 'min attacked top-1' } as const;
const gateSymbol = { maxDrop: '≤', maxAsr: '≤', minAttackedAcc: '≥' } as const;

const errorsOf = (counts: OutcomeCounts) => Object.values(counts.errors).reduce((a, b) => a + b, 0);

function modelTable(model: ModelMetrics): string[] {
  const lines = [
    '| attack | rows | clean top-1 (95% CI) | attacked top-1 (95% CI) | top-1 drop | flip rate (95% CI) | targeted ASR (95% CI) | unrenderable | errors |',
    '| --- | ---: | --- | --- | ---: | --- | --- | ---: | ---: |',
    `| *clean* | ${model.clean.samples} | ${formatRate(model.clean.acc1)} |  |  |  |  | ${model.clean.counts.unrenderable} | ${errorsOf(model.clean.counts)} |`,
  ];
  for (const [attack, a] of Object.entries(model.attacks)) {
    const asr = a.targetSuccessRate.n === 0 ? 'n/a' : `${formatRate(a.targetSuccessRate)}, n=${a.targetSuccessRate.n}`;
    lines.push(
      `| ${md(attack)} | ${a.n} | ${formatRate(a.clean.acc1)} | ${formatRate(a.attacked.acc1)} | ${formatPoints(a.drop.acc1.absolute)} | ${formatRate(a.flipRate)} | ${asr} | ${a.counts.unrenderable} | ${errorsOf(a.counts)} |`,
    );
  }
  return lines;
}

function gateTable(gates: readonly GateResult[]): string[] {
  const lines = ['| | attack | gate | measured | allowed |', '| --- | --- | --- | --- | --- |'];
  for (const g of gates) {
    const measured = g.actual === null ? `not measured: ${md(g.note ?? 'no data')}` : `${formatWithInterval(g.actual, g.interval)} (n=${g.n})`;
    const scope = g.className === null ? md(g.attack) : `${md(g.attack)}, class ${md(g.className)}`;
    lines.push(`| ${g.passed ? '✅' : '❌'} | ${scope} | ${gateLabel[g.gate]} | ${measured} | ${gateSymbol[g.gate]} ${formatPercent(g.limit)} |`);
  }
  return lines;
}

function errorLine(counts: OutcomeCounts): string | undefined {
  const total = errorsOf(counts);
  if (total === 0 && counts.unrenderable === 0) return undefined;
  const stages = Object.entries(counts.errors).filter(([, n]) => n > 0).map(([stage, n]) => `${stage} ${n}`);
  const parts = [`**${total} error rows**${stages.length > 0 ? ` (${stages.join(', ')})` : ''}`, `${counts.unrenderable} unrenderable`];
  return `${parts.join(', ')} of ${counts.total} rows: counted above, left out of every rate; details in samples.csv and report.html.`;
}

/**
 * `summary.md`: a run for a CI step summary or a pull-request comment - per model a table of
 * clean vs attacked top-1 accuracy, drop, flip rate and targeted success with Wilson 95%
 * intervals, unrenderable and error counts; the gates with their numbers; a provenance line.
 * Every string from data (ids, labels, notes) is escaped for Markdown. Pure.
 */
export function renderSummaryMarkdown(summary: RunSummary): string {
  const { metrics, gates } = summary;
  const out = [`## stroop audit: ${md(summary.suite)} — ${gateHeadline(gates, true)}`, ''];
  for (const [id, model] of Object.entries(metrics.models)) {
    out.push(`### ${md(id)}`, '', ...modelTable(model), '');
    const modelGates = gates.filter((g) => g.model === id && g.className === null);
    if (modelGates.length > 0) out.push(...gateTable(modelGates), '');
  }
  if (Object.keys(metrics.models).length === 0) out.push('No rows in the result log.', '');
  const errors = errorLine(metrics.counts);
  if (errors !== undefined) out.push(errors, '');
  out.push('Drop: clean minus attacked top-1 over the same rows, in percentage points. Targeted ASR: attacked top-1 is the class the text names, over rows whose text names a class other than the true one.', '');
  const p = provenanceParts(summary);
  const models = p.models.map((m) => `${md(m.id)}: ${md(m.runtime)}, ${m.files.map((f) => md(f)).join(', ')}`);
  out.push(`<sub>${[md(p.version), md(p.commit), md(p.plan), ...models, `seeds: ${p.seeds.map((s) => md(s)).join(', ') || 'none'}`, md(p.generatedAt)].join(' · ')}</sub>`, '');
  return out.join('\n');
}

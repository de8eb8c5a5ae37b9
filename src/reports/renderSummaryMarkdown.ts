import type { Rate } from '../metrics/statistics.js';
import type { GateResult } from '../gates/gates.js';
import type { OutcomeCounts } from '../metrics/indexOutcomes.js';
import type { HalfAccuracyDose, ParamCurve } from '../metrics/doseResponse.js';
import type { ModelMetrics } from '../metrics/runMetrics.js';
import type { TypeComparison } from '../metrics/typeComparison.js';
import { escapeMarkdown as md } from './escape.js';
import {
  formatDose,
  formatPercent,
  formatPoints,
  formatRate,
  formatWithInterval,
  gateHeadline,
  provenanceParts,
  scoringNote,
  scoringOfModels,
} from './format.js';
import type { RunSummary } from './runSummary.js';

const gateLabel = { maxDrop: 'max drop', maxAsr: 'max targeted ASR', minAttackedAcc: 'min attacked top-1' } as const;
const gateSymbol = { maxDrop: '≤', maxAsr: '≤', minAttackedAcc: '≥' } as const;

const errorsOf = (counts: OutcomeCounts) => Object.values(counts.errors).reduce((a, b) => a + b, 0);

function modelTable(model: ModelMetrics): string[] {
  const lines = [
    '| attack | rows | clean top-1 (95% CI) | attacked top-1 (95% CI) | top-1 drop | flip rate (95% CI) | ASR (95% CI) | targeted ASR (95% CI) | unrenderable | errors |',
    '| --- | ---: | --- | --- | ---: | --- | --- | --- | ---: | ---: |',
    `| *clean* | ${model.clean.samples} | ${formatRate(model.clean.acc1)} |  |  |  |  |  | ${model.clean.counts.unrenderable} | ${errorsOf(model.clean.counts)} |`,
  ];
  for (const [attack, a] of Object.entries(model.attacks)) {
    const withN = (rate: Rate) => (rate.n === 0 ? 'n/a' : `${formatRate(rate)}, n=${rate.n}`);
    lines.push(
      `| ${md(attack)} | ${a.n} | ${formatRate(a.clean.acc1)} | ${formatRate(a.attacked.acc1)} | ${formatPoints(a.drop.acc1.absolute)} | ${formatRate(a.flipRate)} | ${withN(a.untargetedAsr)} | ${withN(a.targetedAsr)} | ${a.counts.unrenderable} | ${errorsOf(a.counts)} |`,
    );
  }
  return lines;
}

const boundText = {
  crossed: 'interpolated',
  atOrBelow: 'upper bound: at or below half already at the lowest value',
  notReached: 'never falls to half',
  noCleanAccuracy: 'clean top-1 is 0',
} as const;

function ad50Cell(ad50: HalfAccuracyDose): string {
  if (ad50.dose === null) return 'n/a';
  return `${ad50.bound === 'atOrBelow' ? '≤' : '≈'} ${formatDose(ad50.dose)}`;
}

/** Per attack (and across attacks when there are several), every parameter with an AD50; empty when none has one. */
function ad50Table(model: ModelMetrics): string[] {
  const attacks = Object.entries(model.attacks);
  const scopes: [string, Readonly<Record<string, ParamCurve>>][] = attacks.map(([attack, a]) => [md(attack), a.byParam]);
  if (attacks.length > 1) scopes.push(['*all attacks*', model.byParam]);
  const rows = scopes.flatMap(([scope, byParam]) =>
    Object.entries(byParam).flatMap(([param, curve]) => {
      const { ad50 } = curve;
      if (ad50 === null) return [];
      return [`| ${scope} | ${md(param)} | ${ad50Cell(ad50)} | ${boundText[ad50.bound]} | ${formatPercent(ad50.level)} |`];
    }),
  );
  if (rows.length === 0) return [];
  return ['| attack | parameter | AD50 | bound | half of clean top-1 |', '| --- | --- | ---: | --- | ---: |', ...rows];
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

/** SCAM's view of one model: top-1 (the object won) per image type, then the types compared scene by scene. */
function typeTables(types: TypeComparison): string[] {
  const lines = [`| ${md(types.typeAttribute)} | n | top-1 (95% CI) | mean p(label) |`, '|---|--:|--:|--:|'];
  for (const [type, acc] of Object.entries(types.byType)) {
    lines.push(`| ${md(type)} | ${acc.n} | ${formatRate(acc)} | ${acc.meanLabelProbability === null ? '–' : acc.meanLabelProbability.toFixed(3)} |`);
  }
  if (types.pairs.length === 0) return lines;
  lines.push('', `| paired by ${md(types.pairAttribute)} | scenes | top-1 before | top-1 after | lost | gained | McNemar p |`, '|---|--:|--:|--:|--:|--:|--:|');
  for (const pair of types.pairs.filter((p) => p.from < p.to || !types.pairs.some((q) => q.from === p.to && q.to === p.from))) {
    const p = pair.mcnemarP === null ? '–' : pair.mcnemarP.toPrecision(2);
    lines.push(`| ${md(pair.from)} → ${md(pair.to)} | ${pair.n} | ${formatRate(pair.fromAccuracy)} | ${formatRate(pair.toAccuracy)} | ${pair.lost} | ${pair.gained} | ${p} |`);
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
 * clean vs attacked top-1 accuracy, drop, flip rate, ASR and targeted ASR with Wilson 95%
 * intervals, the class count of each dataset, unrenderable and error counts; the AD50 of each numeric attack parameter that has
 * one; the gates with their numbers; a provenance line.
 * Every string from data (ids, labels, notes) is escaped for Markdown. Pure.
 */
export function renderSummaryMarkdown(summary: RunSummary): string {
  const { metrics, gates } = summary;
  const out = [`## stroop audit: ${md(summary.suite)} — ${gateHeadline(gates, true)}`, '', `Protocol: **${md(summary.protocol.name)}** (${md(summary.protocol.description, 400)}).`, ''];
  let anyAd50 = false;
  const scoringOf = scoringOfModels(summary.models);
  for (const [id, model] of Object.entries(metrics.models)) {
    const note = scoringNote(scoringOf(id));
    out.push(`### ${md(id)}`, '', ...(note === undefined ? [] : [`_${note}_`, '']), ...modelTable(model), '');
    const modelGates = gates.filter((g) => g.model === id && g.className === null);
    if (modelGates.length > 0) out.push(...gateTable(modelGates), '');
    const ad50 = ad50Table(model);
    if (ad50.length > 0) out.push(...ad50, '');
    const types = summary.typeComparison?.[id];
    if (types !== undefined) out.push(...typeTables(types), '');
    anyAd50 ||= ad50.length > 0;
  }
  if (Object.keys(metrics.models).length === 0) out.push('No rows in the result log.', '');
  const errors = errorLine(metrics.counts);
  if (errors !== undefined) out.push(errors, '');
  const classCounts = summary.datasets.map((d) => `${md(d.id)} ${summary.classes[d.id]?.length ?? 0}`);
  if (classCounts.length > 0) {
    const how = summary.protocol.name === 'scam-binary' ? 'each image chooses between its label and its attack word among them' : 'zero-shot over all of them, whatever the cap on samples';
    out.push(`Classes (${how}): ${classCounts.join(', ')}.`, '');
  }
  out.push(
    'Drop: clean minus attacked top-1 over the same rows, in percentage points. ASR: of the rows whose clean top-1 was right, the share the attack made wrong. ' +
      'Targeted ASR: of the rows whose text names a class other than the true one and other than the clean top-1, the share whose attacked top-1 is that class.',
    '',
  );
  if (anyAd50) {
    out.push("AD50: the value of an attack parameter at which attacked top-1 falls to half of clean top-1 over the same rows, interpolated between the two values around it, in the parameter's unit.", '');
  }
  const p = provenanceParts(summary);
  const models = p.models.map((m) => `${md(m.id)}: ${md(m.runtime)}, ${m.files.map((f) => md(f)).join(', ')}`);
  out.push(`<sub>${[md(p.version), md(p.commit), md(p.plan), ...models, `seeds: ${p.seeds.map((s) => md(s)).join(', ') || 'none'}`, md(p.generatedAt)].join(' · ')}</sub>`, '');
  return out.join('\n');
}

import type { Rate } from '../../metrics/statistics.js';
import { createHash } from 'node:crypto';
import type { ProblemRow, GalleryItem } from '../gallery/gallery.js';
import { gateHeadline, scoringNote, scoringOfModels, formatPercent, formatPoints, formatRate, formatWithInterval } from '../format.js';
import type { RunSummary } from '../runSummary.js';
import { html, SafeHtml, thumbnailFigure } from './html.js';
import { reportCss } from './reportCss.js';
import type { GateResult } from '../../gates/gates.js';
import type { OutcomeCounts } from '../../metrics/indexOutcomes.js';
import type { ModelMetrics, RunMetrics } from '../../metrics/runMetrics.js';
import { isChartable, renderParamChart } from './renderParamChart.js';
import type { ScoringKind } from '../../zeroshot/scoringRule.js';

/** What the HTML report shows besides the summary. */
export interface ReportHtmlInput {
  readonly summary: RunSummary;
  /** Thumbnails of the most successful attacks (any models; grouped per model here). */
  readonly gallery: readonly GalleryItem[];
  /** A sample of the error and unrenderable rows. */
  readonly problems: readonly ProblemRow[];
}

/**
 * The Content-Security-Policy of the report: nothing may be fetched (`default-src 'none'`, so no
 * script, font, frame or connection either), images only from `data:` URIs, and styles only from
 * the report's own style sheet, named by its hash.
 */
export function reportCsp(css: string): string {
  const styleHash = createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; img-src data:; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
}

/**
 * `report.html`: one self-contained page - no script, no network, no external file - with per
 * model the summary table, the gates, inline SVG charts of accuracy and targeted success against
 * every attack parameter that varies (Wilson 95% bands), a per-class table and a gallery of the
 * most successful attacks; then every row counted by kind with the first error messages, and the
 * provenance. Every string from data goes through the escaping `html` tag. Pure.
 */
export function renderReportHtml(input: ReportHtmlInput): string {
  const { summary, gallery, problems } = input;
  const { metrics, gates } = summary;
  const attackGates = gates.filter((g) => g.className === null);
  const failed = attackGates.filter((g) => !g.passed).length;
  const badge = attackGates.length === 0 ? 'none' : failed > 0 ? 'fail' : 'pass';
  const scoringOf = scoringOfModels(summary.models);
  const models = Object.entries(metrics.models).map(([id, model]) => {
    const modelGates = gates.filter((g) => g.model === id);
    const note = scoringNote(scoringOf(id));
    return html`<section><h2>Model ${id}</h2>${note === undefined ? '' : html`\n<p class="sub">${note}</p>`}
${summaryTable(model)}
${modelGates.length > 0 ? html`<h3>Gates</h3>${gateTable(modelGates)}` : ''}
<h3>Accuracy vs attack parameters</h3>${chartSection(model)}
<h3>Per class</h3>${classTable(model)}
<h3>Most successful attacks</h3>${gallerySection(gallery.filter((item) => item.model === id), scoringOf(id))}
</section>`;
  });
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(reportCss)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${`stroop report: ${summary.suite}`}</title>
<style>${new SafeHtml(reportCss)}</style>
</head><body>
<header><div class="inner"><h1>stroop audit: ${summary.suite}</h1>
<p><span class="badge ${badge}">${gateHeadline(gates)}</span> <span class="sub">protocol ${summary.protocol.name}</span> <span class="sub">${metrics.counts.total} rows: ${metrics.counts.scored} scored, ${metrics.counts.unrenderable} unrenderable, ${Object.values(metrics.counts.errors).reduce((a, b) => a + b, 0)} errors · stroop ${summary.stroopVersion} · ${summary.generatedAt}</span></p></div></header>
<main>
${models.length > 0 ? models : html`<p>No rows in the result log.</p>`}
<section><h2>Rows by kind and errors</h2>${problemSection(metrics, problems)}</section>
<section><h2>Provenance</h2>${provenanceSection(summary)}</section>
<p class="sub">Rates are over scored rows; 95% intervals are Wilson score intervals. Top-1 drop: clean minus attacked top-1 over the same rows. Targeted ASR: attacked top-1 is the class the text names, over rows whose text names a class other than the true one. Rows of one sample under several attacks are not independent.</p>
</main></body></html>
`;
  return page.text;
}

const gateLabel = { maxDrop: 'max top-1 drop', maxAsr: 'max targeted ASR', minAttackedAcc: 'min attacked top-1' } as const;
const gateSymbol = { maxDrop: '≤', maxAsr: '≤', minAttackedAcc: '≥' } as const;

const errorsOf = (counts: OutcomeCounts) => Object.values(counts.errors).reduce((a, b) => a + b, 0);

/** A rate with its row count, or n/a without rows. */
const withN = (rate: Rate) => (rate.n === 0 ? 'n/a' : `${formatRate(rate)}, n=${rate.n}`);

/** Clean vs attacked accuracy, drop, flips and attack success per attack of one model. */
export function summaryTable(model: ModelMetrics): SafeHtml {
  const rows = Object.entries(model.attacks).map(
    ([attack, a]) => html`<tr><td>${attack}</td><td class="num">${a.n}</td><td>${formatRate(a.clean.acc1)}</td><td>${formatRate(a.attacked.acc1)}</td><td class="num">${formatPoints(a.drop.acc1.absolute)}</td><td>${formatRate(a.flipRate)}</td><td>${withN(a.untargetedAsr)}</td><td>${withN(a.targetedAsr)}</td><td class="num">${formatRate(a.attacked.acc5)}</td><td class="num">${a.counts.unrenderable}</td><td class="num">${errorsOf(a.counts)}</td></tr>`,
  );
  return html`<table><thead><tr><th>attack</th><th>rows</th><th>clean top-1 (95% CI)</th><th>attacked top-1 (95% CI)</th><th>top-1 drop</th><th>flip rate</th><th>ASR (clean-correct rows)</th><th>targeted ASR</th><th>attacked top-5</th><th>unrenderable</th><th>errors</th></tr></thead><tbody><tr><td><em>clean (unique samples)</em></td><td class="num">${model.clean.samples}</td><td>${formatRate(model.clean.acc1)}</td><td></td><td></td><td></td><td></td><td></td><td class="num">${formatRate(model.clean.acc5)}</td><td class="num">${model.clean.counts.unrenderable}</td><td class="num">${errorsOf(model.clean.counts)}</td></tr>${rows}</tbody></table>`;
}

/** The gates of one model with their numbers, failed ones highlighted. */
export function gateTable(gates: readonly GateResult[]): SafeHtml {
  const rows = gates.map(
    (g) => html`<tr class="${g.passed ? 'passed' : 'failed'}"><td><span class="badge ${g.passed ? 'pass' : 'fail'}">${g.passed ? 'pass' : 'FAIL'}</span></td><td>${g.attack}</td><td>${g.className ?? ''}</td><td>${gateLabel[g.gate]}</td><td>${g.actual === null ? `not measured: ${g.note ?? 'no data'}` : `${formatWithInterval(g.actual, g.interval)}, n=${g.n}`}</td><td>${`${gateSymbol[g.gate]} ${formatPercent(g.limit)}`}</td></tr>`,
  );
  return html`<table><thead><tr><th></th><th>attack</th><th>class</th><th>gate</th><th>measured</th><th>allowed</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Charts of every attack parameter that varies, per attack. */
export function chartSection(model: ModelMetrics): SafeHtml {
  const blocks = Object.entries(model.attacks).flatMap(([attack, a]) => {
    const charts = Object.entries(a.byParam).filter(([, curve]) => isChartable(curve));
    if (charts.length === 0) return [];
    return [html`<h4>${attack}</h4><div class="charts">${charts.map(([param, curve]) => renderParamChart(param, curve))}</div>`];
  });
  if (blocks.length === 0) return html`<p class="sub">No attack parameter takes two or more values with scored rows, so there is no curve to draw.</p>`;
  return html`${blocks}`;
}

/** Per true class: clean top-1 over unique samples, and attacked top-1 and targeted ASR under each attack. */
export function classTable(model: ModelMetrics): SafeHtml {
  const attacks = Object.entries(model.attacks);
  const classes = [...new Set([...Object.keys(model.clean.byClass), ...attacks.flatMap(([, a]) => Object.keys(a.byClass))])].sort();
  const head = attacks.map(([attack]) => html`<th>${attack}: attacked top-1</th><th>${attack}: targeted ASR</th>`);
  const rows = classes.map((label) => {
    const clean = Object.hasOwn(model.clean.byClass, label) ? model.clean.byClass[label] : undefined;
    const cells = attacks.map(([, a]) => {
      const d = Object.hasOwn(a.byClass, label) ? a.byClass[label] : undefined;
      return d === undefined ? html`<td></td><td></td>` : html`<td>${formatRate(d.attacked.acc1)}, n=${d.n}</td><td>${d.targetedAsr.n === 0 ? 'n/a' : formatRate(d.targetedAsr)}</td>`;
    });
    return html`<tr><td>${label}</td><td>${clean === undefined ? '' : formatRate(clean.acc1)}</td>${cells}</tr>`;
  });
  return html`<table><thead><tr><th>class</th><th>clean top-1</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** CLIP: the logit scale; SigLIP: scale and bias, and that its probabilities are sigmoids. */
function scoringCell(m: RunSummary['models'][string]): string {
  const rule = m.scoring;
  if (rule?.kind !== 'sigmoid') return m.logitScale.toFixed(4);
  return `${rule.logitScale.toFixed(4)}, bias ${rule.logitBias.toFixed(4)} (sigmoid per class)`;
}

/** Everything needed to trust and reproduce the numbers: versions, models and their files, seeds, prompts, renderer, host. */
export function provenanceSection(summary: RunSummary): SafeHtml {
  const models = Object.values(summary.models).map(
    (m) => html`<tr><td>${m.id}</td><td class="mono">${m.ref}</td><td>${`${m.engine}/${m.backend}`}</td><td>${m.dtype}</td><td class="num">${scoringCell(m)}</td><td>${m.files.map((f) => html`<div class="mono">${f.file} ${f.sha256.slice(0, 16)} (${f.bytes} B)</div>`)}</td></tr>`,
  );
  const attacks = summary.attacks.map((a) => html`<tr><td>${a.id}</td><td class="num">${a.seed}</td><td class="num">${a.n}</td><td class="mono">${a.source}</td></tr>`);
  const datasets = summary.datasets.map((d) => html`<tr><td>${d.id}</td><td class="mono">${d.spec.root}</td><td>${d.spec.split ?? ''}</td><td class="num">${summary.classes[d.id]?.length ?? 0}</td></tr>`);
  const thresholds = summary.thresholds === null ? 'none' : JSON.stringify(summary.thresholds);
  return html`<table><tbody>
<tr><th>stroop</th><td>${summary.stroopVersion}</td></tr>
<tr><th>git commit</th><td class="mono">${summary.gitCommit ?? 'unknown'}</td></tr>
<tr><th>suite / plan hash</th><td>${summary.suite} <span class="mono">${summary.planHash}</span></td></tr>
<tr><th>protocol</th><td>${summary.protocol.name}: ${summary.protocol.description}</td></tr>
<tr><th>shard</th><td>${`${summary.shard.index}/${summary.shard.count}`}</td></tr>
<tr><th>generated</th><td>${summary.generatedAt}</td></tr>
<tr><th>thresholds</th><td class="mono">${thresholds}</td></tr>
<tr><th>prompt templates</th><td>${summary.prompts.map((t) => html`<div class="mono">${t}</div>`)}</td></tr>
</tbody></table>
<h3>Models</h3><table><thead><tr><th>id</th><th>ref</th><th>engine/backend</th><th>dtype</th><th>logit scale</th><th>files (SHA-256 prefix)</th></tr></thead><tbody>${models}</tbody></table>
<h3>Attacks</h3><table><thead><tr><th>id</th><th>seed</th><th>draws</th><th>source</th></tr></thead><tbody>${attacks}</tbody></table>
<h3>Datasets</h3><table><thead><tr><th>id</th><th>root</th><th>split</th><th>classes</th></tr></thead><tbody>${datasets}</tbody></table>
<details><summary>Renderer, image decoders and host</summary><pre>${JSON.stringify({ renderer: summary.renderer, decoders: summary.decoders, host: summary.host }, null, 2)}</pre></details>`;
}

function card(item: GalleryItem, scoring: ScoringKind): SafeHtml {
  const kind = scoring === 'sigmoid' ? ' sigmoid' : '';
  const top = (c: GalleryItem['cleanTop']) => (c === null ? 'n/a' : `${c.label} (${formatPercent(c.probability)}${kind})`);
  return html`<div class="card"><div class="pair">${thumbnailFigure(item.cleanPng, 'clean')}${thumbnailFigure(item.attackedPng, 'attacked')}</div>
<p><b>${item.attackId}</b> on <span class="mono">${item.sampleId}</span></p>
<p>true: ${item.trueLabel}</p>
<p>written: «${item.attackText ?? ''}»</p>
<p>clean → ${top(item.cleanTop)}</p>
<p>attacked → <span class="${item.targeted ? 'hit' : ''}">${top(item.attackedTop)}</span>${item.targeted ? ' (the written class)' : ''}</p>
${item.note === null ? '' : html`<p class="note">${item.note}</p>`}</div>`;
}

/**
 * Clean/attacked thumbnail pairs of one model's most successful attacks; a SigLIP model's
 * probabilities are marked as its per-class sigmoids.
 */
export function gallerySection(items: readonly GalleryItem[], scoring: ScoringKind = 'softmax'): SafeHtml {
  if (items.length === 0) return html`<p class="sub">No attack turned a correct clean prediction into a wrong one.</p>`;
  return html`<div class="gallery">${items.map((item) => card(item, scoring))}</div>`;
}

function countCells(c: OutcomeCounts): SafeHtml {
  return html`<td class="num">${c.total}</td><td class="num">${c.scored}</td><td class="num">${c.unrenderable}</td><td class="num">${c.errors.load}</td><td class="num">${c.errors.label}</td><td class="num">${c.errors.render}</td><td class="num">${c.errors.embed}</td>`;
}

/**
 * Every row counted by kind (model x attack), and the first problem rows with their messages:
 * errors are shown and counted, never dropped.
 */
export function problemSection(metrics: RunMetrics, problems: readonly ProblemRow[]): SafeHtml {
  const rows = Object.entries(metrics.models).flatMap(([model, m]) => [
    html`<tr><td>${model}</td><td><em>clean</em></td>${countCells(m.clean.counts)}</tr>`,
    ...Object.entries(m.attacks).map(([attack, a]) => html`<tr><td>${model}</td><td>${attack}</td>${countCells(a.counts)}</tr>`),
  ]);
  const counts = html`<table><thead><tr><th>model</th><th>attack</th><th>rows</th><th>scored</th><th>unrenderable</th><th>load errors</th><th>label errors</th><th>render errors</th><th>embed errors</th></tr></thead><tbody>${rows}<tr><td><b>all</b></td><td></td>${countCells(metrics.counts)}</tr></tbody></table>`;
  if (problems.length === 0) return html`${counts}<p class="sub">No error or unrenderable rows.</p>`;
  const list = problems.map((p) => html`<tr><td>${p.model}</td><td>${p.attackId}</td><td class="mono">${p.sampleId}</td><td>${p.variant}</td><td>${p.kind}</td><td>${p.message}</td></tr>`);
  return html`${counts}<details open><summary>First ${problems.length} problem rows (all are in samples.csv)</summary><table><thead><tr><th>model</th><th>attack</th><th>sample</th><th>variant</th><th>kind</th><th>message</th></tr></thead><tbody>${list}</tbody></table></details>`;
}

import type { GateResult } from '../../gates/gateResult.js';
import type { OutcomeCounts } from '../../metrics/outcomeCounts.js';
import type { ModelMetrics } from '../../metrics/runMetrics.js';
import { formatPercent, formatPoints, formatRate, formatWithInterval } from '../format/formatRate.js';
import { html } from './html.js';
import { isChartable, renderParamChart } from './renderParamChart.js';
import type { SafeHtml } from './SafeHtml.js';

const gateLabel = { maxDrop: 'max top-1 drop', maxAsr: 'max targeted ASR', minAttackedAcc: 'min attacked top-1' } as const;
const gateSymbol = { maxDrop: '≤', maxAsr: '≤', minAttackedAcc: '≥' } as const;

const errorsOf = (counts: OutcomeCounts) => Object.values(counts.errors).reduce((a, b) => a + b, 0);

/** Clean vs attacked accuracy, drop, flips and targeted success per attack of one model. */
export function summaryTable(model: ModelMetrics): SafeHtml {
  const rows = Object.entries(model.attacks).map(
    ([attack, a]) => html`<tr><td>${attack}</td><td class="num">${a.n}</td><td>${formatRate(a.clean.acc1)}</td><td>${formatRate(a.attacked.acc1)}</td><td class="num">${formatPoints(a.drop.acc1.absolute)}</td><td>${formatRate(a.flipRate)}</td><td>${a.targetSuccessRate.n === 0 ? 'n/a' : `${formatRate(a.targetSuccessRate)}, n=${a.targetSuccessRate.n}`}</td><td class="num">${formatRate(a.attacked.acc5)}</td><td class="num">${a.counts.unrenderable}</td><td class="num">${errorsOf(a.counts)}</td></tr>`,
  );
  return html`<table><thead><tr><th>attack</th><th>rows</th><th>clean top-1 (95% CI)</th><th>attacked top-1 (95% CI)</th><th>top-1 drop</th><th>flip rate</th><th>targeted ASR</th><th>attacked top-5</th><th>unrenderable</th><th>errors</th></tr></thead><tbody><tr><td><em>clean (unique samples)</em></td><td class="num">${model.clean.samples}</td><td>${formatRate(model.clean.acc1)}</td><td></td><td></td><td></td><td></td><td class="num">${formatRate(model.clean.acc5)}</td><td class="num">${model.clean.counts.unrenderable}</td><td class="num">${errorsOf(model.clean.counts)}</td></tr>${rows}</tbody></table>`;
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
  const head = attacks.map(([attack]) => html`<th>${attack}: attacked top-1</th><th>${attack}: ASR</th>`);
  const rows = classes.map((label) => {
    const clean = Object.hasOwn(model.clean.byClass, label) ? model.clean.byClass[label] : undefined;
    const cells = attacks.map(([, a]) => {
      const d = Object.hasOwn(a.byClass, label) ? a.byClass[label] : undefined;
      return d === undefined ? html`<td></td><td></td>` : html`<td>${formatRate(d.attacked.acc1)}, n=${d.n}</td><td>${d.targetSuccessRate.n === 0 ? 'n/a' : formatRate(d.targetSuccessRate)}</td>`;
    });
    return html`<tr><td>${label}</td><td>${clean === undefined ? '' : formatRate(clean.acc1)}</td>${cells}</tr>`;
  });
  return html`<table><thead><tr><th>class</th><th>clean top-1</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

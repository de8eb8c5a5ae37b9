import type { OutcomeCounts } from '../../metrics/outcomeCounts.js';
import type { RunMetrics } from '../../metrics/runMetrics.js';
import type { ProblemRow } from '../collectProblemRows.js';
import { html } from './html.js';
import type { SafeHtml } from './SafeHtml.js';

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

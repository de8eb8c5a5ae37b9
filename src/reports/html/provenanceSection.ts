import type { RunSummary } from '../writeRunReports.js';
import { html } from './html.js';
import type { SafeHtml } from './SafeHtml.js';

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

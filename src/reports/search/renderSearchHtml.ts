import type { SearchCoverageReport, SearchCard } from './searchCards.js';
import type { Distribution, SearchGateResult, SearchModelSummary, SearchSummary } from '../../search/summarizeSearch.js';
import { flipFontFraction } from '../../search/findMinimalAttack.js';
import type { SearchManifest } from '../../results/searchManifest.js';
import type { ScoringKind } from '../../zeroshot/scoringRule.js';
import { formatPercent, formatRate, scoringNote, scoringOfModels } from '../format.js';
import { html, SafeHtml, thumbnailFigure } from '../html/html.js';
import { reportCss } from '../html/reportCss.js';
import { reportCsp } from '../html/renderReportHtml.js';

const num = (v: number | null, digits = 3) => (v === null ? 'n/a' : String(+v.toFixed(digits)));
const quartiles = (d: Distribution, f: (v: number | null) => string) => (d.n === 0 ? 'n/a' : `${f(d.q25)} / ${f(d.median)} / ${f(d.q75)}`);

function card(c: SearchCard, scoring: ScoringKind): SafeHtml {
  const r = c.record;
  const kind = scoring === 'sigmoid' ? ' sigmoid' : '';
  const size = r.margins['size'];
  const holdCaption = size?.kind === 'threshold' ? `holds at size ${num(size.holding)}` : '';
  return html`<div class="card wide"><div class="pair">${thumbnailFigure(c.cleanPng, 'clean')}${thumbnailFigure(c.attackPng, 'minimal attack')}${c.holdingPng === null ? '' : thumbnailFigure(c.holdingPng, holdCaption)}</div>
<p><span class="mono">${r.id}</span> · ${r.sampleId}</p>
<p>true: ${r.trueLabel}; clean → ${r.clean.label} (${formatPercent(r.clean.probability)}${kind})</p>
<p>written: «${r.attack.spec.text}», ${r.attack.fontSizePx} px; flips at ${formatPercent(flipFontFraction(r))} of the height</p>
<p>attacked → <span class="${r.attack.targeted ? 'hit' : ''}">${r.attack.attacked.label} (${formatPercent(r.attack.attacked.probability)}${kind})</span>${r.attack.targeted ? ' (the written class)' : ''}</p>
${c.note === null ? '' : html`<p class="note">${c.note}</p>`}</div>`;
}

function modelSection(id: string, m: SearchModelSummary, gates: readonly SearchGateResult[], cards: readonly SearchCard[], scoring: ScoringKind): SafeHtml {
  const note = scoringNote(scoring);
  const gateRows = gates.map(
    (g) =>
      html`<tr><td><span class="badge ${g.passed ? 'pass' : 'fail'}">${g.passed ? 'pass' : 'FAIL'}</span></td><td>${g.gate === 'minFlipFontFraction' ? 'smallest flipping font ≥' : 'flip rate ≤'} ${formatPercent(g.limit)}</td><td>${formatPercent(g.actual)}</td><td>${g.counterexample === undefined ? '' : html`<span class="mono">${g.counterexample.id}</span> ${g.counterexample.sampleId}`}</td></tr>`,
  );
  const marginRows = Object.entries(m.margins).map(
    ([param, g]) =>
      html`<tr><td>${param}</td><td class="num">${g.threshold.n}</td><td>${quartiles(g.threshold, (v) => num(v))}</td><td class="num">${g.flipsAtWeakest}</td><td class="num">${g.notApplicable}</td><td class="num">${g.overBudget}</td></tr>`,
  );
  const classRows = Object.entries(m.byClass).map(
    ([label, c]) => html`<tr><td>${label}</td><td class="num">${c.searched}</td><td>${formatRate(c.flipRate)}</td><td class="num">${c.targeted}</td><td>${formatPercent(c.flipFontFraction.median)}</td></tr>`,
  );
  return html`<section><h2>Model ${id}</h2>${note === undefined ? '' : html`\n<p class="sub">${note}</p>`}
<table><thead><tr><th>searched</th><th>flipped (95% CI)</th><th>targeted</th><th>flip font, % of height (q25 / median / q75)</th><th>model calls per image: mean (to minimal)</th><th>held</th><th>errors</th></tr></thead>
<tbody><tr><td class="num">${m.searched}</td><td>${formatRate(m.flipRate)}</td><td class="num">${m.targeted}</td><td>${quartiles(m.flipFontFraction, (v) => formatPercent(v))}</td><td>${num(m.modelCalls.mean, 1)} (${num(m.modelCallsToMinimal.mean, 1)})</td><td>${m.heldRuns.n === 0 ? 'none' : `${m.heldRuns.n} (${num(m.heldRuns.min, 0)}–${num(m.heldRuns.max, 0)} runs)`}</td><td class="num">${m.errors}</td></tr></tbody></table>
${gates.length > 0 ? html`<h3>Gates</h3><table><thead><tr><th></th><th>gate</th><th>measured</th><th>deciding image</th></tr></thead><tbody>${gateRows}</tbody></table>` : ''}
<h3>Margins</h3><p class="sub">The value of each parameter at which the minimal attack still flips the prediction, the rest of it unchanged.</p>
<table><thead><tr><th>parameter</th><th>bisected</th><th>q25 / median / q75</th><th>flips even at weakest</th><th>not applicable</th><th>over budget</th></tr></thead><tbody>${marginRows}</tbody></table>
<h3>Weakest minimal attacks</h3>${cards.length === 0 ? html`<p class="sub">No image flipped.</p>` : html`<div class="gallery">${cards.map((c) => card(c, scoring))}</div>`}
<h3>Per class</h3><table><thead><tr><th>class</th><th>searched</th><th>flipped</th><th>targeted</th><th>median flip font</th></tr></thead><tbody>${classRows}</tbody></table>
</section>`;
}

/**
 * `search.html`: one self-contained page (no script, no network; the report's CSP and style
 * sheet) with per model the search's results, gates, margins, the weakest minimal attacks as
 * clean / attacked / just-too-small thumbnails, and a per-class table; then the settings and
 * provenance. Every string from data goes through the escaping `html` tag. Pure.
 */
export function renderSearchHtml(manifest: SearchManifest, summary: SearchSummary, gates: readonly SearchGateResult[], cards: readonly SearchCard[], coverage?: SearchCoverageReport): string {
  const s = manifest.plan.search;
  const failed = gates.filter((g) => !g.passed).length;
  const badge = gates.length === 0 ? 'none' : failed > 0 ? 'fail' : 'pass';
  const headline = gates.length === 0 ? 'no gates' : failed > 0 ? `${failed} of ${gates.length} gates failed` : `all ${gates.length} gates passed`;
  const property = s.goal === 'targeted' ? 'the attacked top-1 is not the class the written word names' : 'the attacked top-1 equals the clean top-1';
  const models = Object.entries(summary.models).map(([id, m]) =>
    modelSection(
      id,
      m,
      gates.filter((g) => g.model === id),
      cards.filter((c) => c.record.model === id),
      scoringOfModels(manifest.models)(id),
    ),
  );
  const coverageRows = Object.entries(coverage?.byModel ?? {}).flatMap(([model, byAttack]) =>
    Object.entries(byAttack).map(([attack, c]) => html`<tr><td>${model}</td><td>${attack}</td><td class="num">${c.flippedByAttack}</td><td>${formatRate(c.found)}</td></tr>`),
  );
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(reportCss)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${`stroop search: ${manifest.plan.name}`}</title>
<style>${new SafeHtml(reportCss)}</style>
</head><body>
<header><div class="inner"><h1>stroop search: ${manifest.plan.name}</h1>
<p><span class="badge ${badge}">${headline}</span> <span class="sub">${summary.images} images · property: ${property} · stroop ${manifest.stroopVersion}</span></p></div></header>
<main>
${models.length > 0 ? models : html`<p>No image was searched.</p>`}
${coverage === undefined ? '' : html`<section><h2>Coverage of ${coverage.run}</h2><table><thead><tr><th>model</th><th>run attack</th><th>images it flipped</th><th>search found (95% CI)</th></tr></thead><tbody>${coverageRows}</tbody></table></section>`}
<section><h2>Settings and provenance</h2><p class="sub">Per image: fast-check seed derived from ${s.seed} and the sample id, ${s.numRuns} random attacks, at most ${s.maxCallsPerImage} model calls; counterexamples shrunk to minimal attacks, then bisected. Replay one with <span class="mono">stroop replay DIR ID --out attack.png</span>.</p>
<pre class="mono">${JSON.stringify({ settings: s, models: manifest.models, renderer: manifest.renderer, host: manifest.host, gitCommit: manifest.gitCommit, startedAt: manifest.startedAt }, null, 2)}</pre></section>
</main></body></html>
`;
  return page.text;
}

import { createHash } from 'node:crypto';
import type { ProblemRow } from '../collectProblemRows.js';
import { gateHeadline } from '../format/gateHeadline.js';
import type { GalleryItem } from '../gallery/galleryItem.js';
import type { RunSummary } from '../writeRunReports.js';
import { gallerySection } from './gallerySection.js';
import { html } from './html.js';
import { scoringNote, scoringOfModels } from '../format/scoringOfModels.js';
import { chartSection, classTable, gateTable, summaryTable } from './modelSections.js';
import { problemSection } from './problemSection.js';
import { provenanceSection } from './provenanceSection.js';
import { reportCss } from './reportCss.js';
import { SafeHtml } from './SafeHtml.js';

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
<p><span class="badge ${badge}">${gateHeadline(gates)}</span> <span class="sub">${metrics.counts.total} rows: ${metrics.counts.scored} scored, ${metrics.counts.unrenderable} unrenderable, ${Object.values(metrics.counts.errors).reduce((a, b) => a + b, 0)} errors · stroop ${summary.stroopVersion} · ${summary.generatedAt}</span></p></div></header>
<main>
${models.length > 0 ? models : html`<p>No rows in the result log.</p>`}
<section><h2>Rows by kind and errors</h2>${problemSection(metrics, problems)}</section>
<section><h2>Provenance</h2>${provenanceSection(summary)}</section>
<p class="sub">Rates are over scored rows; 95% intervals are Wilson score intervals. Top-1 drop: clean minus attacked top-1 over the same rows. Targeted ASR: attacked top-1 is the class the text names, over rows whose text names a class other than the true one. Rows of one sample under several attacks are not independent.</p>
</main></body></html>
`;
  return page.text;
}

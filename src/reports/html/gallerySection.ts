import type { ScoringKind } from '../../zeroshot/scoringRule.js';
import { formatPercent } from '../format/formatRate.js';
import type { GalleryItem } from '../gallery/galleryItem.js';
import { html } from './html.js';
import type { SafeHtml } from './SafeHtml.js';
import { thumbnailFigure } from './thumbnailFigure.js';

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

import { formatPercent } from '../format/formatRate.js';
import type { GalleryItem } from '../gallery/galleryItem.js';
import { html } from './html.js';
import type { SafeHtml } from './SafeHtml.js';

function picture(uri: string | null, caption: string): SafeHtml {
  const image = uri === null ? html`<div class="missing">not available</div>` : html`<img src="${uri}" alt="${caption} image">`;
  return html`<figure>${image}<figcaption>${caption}</figcaption></figure>`;
}

function card(item: GalleryItem): SafeHtml {
  const top = (c: GalleryItem['cleanTop']) => (c === null ? 'n/a' : `${c.label} (${formatPercent(c.probability)})`);
  return html`<div class="card"><div class="pair">${picture(item.cleanPng, 'clean')}${picture(item.attackedPng, 'attacked')}</div>
<p><b>${item.attackId}</b> on <span class="mono">${item.sampleId}</span></p>
<p>true: ${item.trueLabel}</p>
<p>written: «${item.attackText ?? ''}»</p>
<p>clean → ${top(item.cleanTop)}</p>
<p>attacked → <span class="${item.targeted ? 'hit' : ''}">${top(item.attackedTop)}</span>${item.targeted ? ' (the written class)' : ''}</p>
${item.note === null ? '' : html`<p class="note">${item.note}</p>`}</div>`;
}

/** Clean/attacked thumbnail pairs of one model's most successful attacks. */
export function gallerySection(items: readonly GalleryItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="sub">No attack turned a correct clean prediction into a wrong one.</p>`;
  return html`<div class="gallery">${items.map(card)}</div>`;
}

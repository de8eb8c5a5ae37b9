import { html } from './html.js';
import type { SafeHtml } from './SafeHtml.js';

/** A thumbnail (a PNG data URI) with its caption, or a grey "not available" box. */
export function thumbnailFigure(uri: string | null, caption: string): SafeHtml {
  const image = uri === null ? html`<div class="missing">not available</div>` : html`<img src="${uri}" alt="${caption} image">`;
  return html`<figure>${image}<figcaption>${caption}</figcaption></figure>`;
}

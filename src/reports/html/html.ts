import { escapeHtml } from '../escape.js';

/**
 * What the {@link html} tag interpolates: text, numbers and `true` (escaped), fragments it made,
 * and lists of these; null, undefined and false render as nothing.
 */
export type HtmlValue = string | number | boolean | null | undefined | SafeHtml | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template for the HTML report: every interpolated value is HTML-escaped (see
 * escapeHtml) unless it is a {@link SafeHtml} fragment made by this tag; arrays are joined;
 * null, undefined and false render as nothing. So a label can only ever appear as text: escaping
 * is the default, not something each call site must remember.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * A fragment of HTML that stroop wrote (or escaped) itself: the only thing the {@link html}
 * tag inserts without escaping. Never construct one from data; build it with `html`.
 */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** A thumbnail (a PNG data URI) with its caption, or a grey "not available" box. */
export function thumbnailFigure(uri: string | null, caption: string): SafeHtml {
  const image = uri === null ? html`<div class="missing">not available</div>` : html`<img src="${uri}" alt="${caption} image">`;
  return html`<figure>${image}<figcaption>${caption}</figcaption></figure>`;
}

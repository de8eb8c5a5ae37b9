import { escapeHtml } from '../escape/escapeHtml.js';
import { SafeHtml } from './SafeHtml.js';

function render(value: unknown): string {
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
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

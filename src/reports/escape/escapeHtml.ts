import { revealControls } from './revealControls.js';

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML character data or a quoted attribute value: `& < > " '` become entities, so no
 * label, attack text or file name can open a tag, close an attribute or start an entity; control
 * and bidi characters (and lone surrogates) are shown as `\uXXXX` tokens (revealControls), so a
 * displayed name cannot be reordered or hidden. Use it on every string stroop did not write itself.
 */
export function escapeHtml(text: string): string {
  return revealControls(text).replace(/[&<>"']/g, (c) => entities[c] as string);
}

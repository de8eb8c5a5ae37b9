import { revealControls } from './revealControls.js';

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as XML 1.0 character data or a quoted attribute value: `& < > " '` become entities;
 * control and bidi characters (tab and newline included) and lone surrogates are shown as
 * `\uXXXX` tokens (revealControls), and the noncharacters U+FFFE and U+FFFF, which XML 1.0
 * forbids, become U+FFFD, so the document stays well-formed and readable whatever the labels hold.
 */
export function escapeXml(text: string): string {
  return revealControls(text)
    .replace(/[\ufffe\uffff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => entities[c] as string);
}

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML character data or a quoted attribute value: `& < > " '` become entities, so no
 * label, attack text or file name can open a tag, close an attribute or start an entity.
 * Control characters other than tab, newline, form feed and carriage return (and lone surrogates)
 * become U+FFFD, which HTML parsers would otherwise report as errors. Use it on every string stroop did not write itself.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => entities[c] as string)
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as XML 1.0 character data or a quoted attribute value: `& < > " '` become entities, and
 * characters XML 1.0 forbids outright (controls other than tab, newline and carriage return;
 * lone surrogates; U+FFFE, U+FFFF) become U+FFFD, so the document stays well-formed whatever
 * the labels hold. Tab, newline and carriage return become character references so attribute
 * values keep them (XML would normalise them to spaces).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => entities[c] as string)
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

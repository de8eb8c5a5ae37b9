/**
 * Characters a report must never pass on as they are: controls (C0, DEL, C1: they can rewrite a
 * line or vanish), bidi controls (U+202E turns `gpj.exe` into what reads as `exe.jpg`; U+061C,
 * U+200E/F, U+202A-E, U+2066-9), line and paragraph separators, and lone surrogates (no character
 * at all).
 */
const hidden = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/**
 * Text with every control and bidi character shown as a visible `\uXXXX` token (U+202E becomes
 * the six characters `\u202E`), so a label, file name or attack text reads in a report as what
 * it is: nothing in it can reorder, hide or break what is around it. Tab and newline are shown
 * too (a name holding one is not what it looks like). Every report escaper (HTML, Markdown, XML)
 * applies it to the data strings it escapes.
 */
export function revealControls(text: string): string {
  return text.replace(hidden, (c) => `\\u${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
}

import type { Options } from 'csv-stringify';

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

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML character data or a quoted attribute value: `& < > " '` become htmlEntities, so no
 * label, attack text or file name can open a tag, close an attribute or start an entity; control
 * and bidi characters (and lone surrogates) are shown as `\uXXXX` tokens (revealControls), so a
 * displayed name cannot be reordered or hidden. Use it on every string stroop did not write itself.
 */
export function escapeHtml(text: string): string {
  return revealControls(text).replace(/[&<>"']/g, (c) => htmlEntities[c] as string);
}

/** Longest data string a Markdown cell shows, in code points (before control characters are shown as tokens); longer ones end in `…`. */
export const markdownCellLimit = 80;

/**
 * Text as one inline run of GitHub-flavoured Markdown, e.g. a table cell: shown literally,
 * never as formatting, HTML, a link, a mention or an issue reference.
 * - text longer than `limit` code points is cut and ends in `…`;
 * - control and bidi characters (line breaks and tabs included: a newline would end the row)
 *   are shown as `\uXXXX` tokens (revealControls);
 * - every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be
 *   escaped): `|` cannot end a table cell, `<` cannot open HTML, `` ` `` `*` `_` `[` cannot
 *   format, `@` `#` `:` cannot mention, reference or make an emoji, and a token's `\` shows.
 */
export function escapeMarkdown(text: string, limit = markdownCellLimit): string {
  const points = [...text];
  const cut = points.length > limit ? `${points.slice(0, limit - 1).join('')}…` : text;
  return revealControls(cut).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

const xmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as XML 1.0 character data or a quoted attribute value: `& < > " '` become xmlEntities;
 * control and bidi characters (tab and newline included) and lone surrogates are shown as
 * `\uXXXX` tokens (revealControls), and the noncharacters U+FFFE and U+FFFF, which XML 1.0
 * forbids, become U+FFFD, so the document stays well-formed and readable whatever the labels hold.
 */
export function escapeXml(text: string): string {
  return revealControls(text)
    .replace(/[\ufffe\uffff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => xmlEntities[c] as string);
}

/** Characters that make a spreadsheet program read a cell as a formula (OWASP's CSV injection list). */
const formulaStart = /^[=+\-@\t\r]/;
/** A plain decimal number ("-10", "+0.5", "-1e-5"), which a spreadsheet reads as that number, never as a formula. */
const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A text cell as a spreadsheet program should show it: one that starts with `=`, `+`, `-`, `@`,
 * tab or carriage return is prefixed with `'`, so it is shown rather than evaluated, unless it is
 * a plain number such as `-10` (a bucket label), which stays as written. `-1+2` and `=cmd` are
 * neutralised.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/**
 * How every CSV stroop writes is encoded. Attack texts and labels are adversarial input:
 * formula-like text cells are neutralised ({@link neutraliseFormula}); numbers are written as
 * numbers, negative ones included. (csv-stringify's own `escape_formulas` would also prefix a
 * number written as text, such as the bucket label `-10`.)
 */
export const csvOptions: Options = Object.freeze({
  record_delimiter: 'unix',
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false'), string: neutraliseFormula },
});

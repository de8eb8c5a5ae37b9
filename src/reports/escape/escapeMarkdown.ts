/** Longest data string a Markdown cell shows, in code points; longer ones end in `…`. */
export const markdownCellLimit = 80;

/**
 * Text as one inline run of GitHub-flavoured Markdown, e.g. a table cell: shown literally,
 * never as formatting, HTML, a link, a mention or an issue reference.
 * - every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be
 *   escaped): `|` cannot end a table cell, `<` cannot open HTML, `` ` `` `*` `_` `[` cannot
 *   format, `@` `#` `:` cannot mention, reference or make an emoji;
 * - line breaks, tabs and other control characters become spaces (a newline would end the row);
 * - text longer than `limit` code points is cut and ends in `…`.
 */
export function escapeMarkdown(text: string, limit = markdownCellLimit): string {
  const points = [...text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')];
  const cut = points.length > limit ? `${points.slice(0, limit - 1).join('')}…` : points.join('');
  return cut.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

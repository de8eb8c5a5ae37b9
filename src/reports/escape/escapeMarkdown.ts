import { revealControls } from './revealControls.js';

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

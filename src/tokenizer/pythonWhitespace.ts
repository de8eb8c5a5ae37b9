/**
 * Python's two notions of whitespace, which the CLIP cleaning steps mix and
 * which both differ from JavaScript's `\s` (JS counts U+FEFF as space and not
 * U+001C..U+001F or U+0085; Python never counts U+FEFF).
 *
 * - `str.isspace()` - also `str.strip()` and the standard `re` module's `\s`
 *   (used by ftfy): bidi classes WS/B/S plus category Zs, which includes the
 *   separators U+001C..U+001F.
 * - the `regex` module's `\s` (used by CLIP's `whitespace_clean` and its split
 *   pattern): the Unicode White_Space property, without U+001C..U+001F.
 *
 * Both lists were read off Python 3.11 (`chr(c).isspace()` and
 * `regex.match(r'\s', chr(c))` over all code points); they have not changed
 * between Unicode versions in a long time.
 */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Regex class source for the `regex` module's `\s` (Unicode White_Space). */
export const REGEX_MODULE_SPACE_CLASS = `[${WHITE_SPACE}]`;

/** Regex class source for `str.isspace()` / the `re` module's `\s`. */
export const PYTHON_ISSPACE_CLASS = `[${WHITE_SPACE}\\u001c-\\u001f]`;

const RUNS_OF_SPACE = new RegExp(`${REGEX_MODULE_SPACE_CLASS}+`, 'g');
const LEADING_SPACE = new RegExp(`^${PYTHON_ISSPACE_CLASS}+`);
const TRAILING_SPACE = new RegExp(`${PYTHON_ISSPACE_CLASS}+$`);

/** CLIP's `re.sub(r'\s+', ' ', text)` with the `regex` module: every whitespace run becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(RUNS_OF_SPACE, ' ');
}

/** Python's `text.strip()`: removes leading and trailing `str.isspace()` characters. */
export function stripWhitespace(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

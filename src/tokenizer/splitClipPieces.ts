import { REGEX_MODULE_SPACE_CLASS } from './pythonWhitespace.js';

/**
 * CLIP's split pattern, as compiled by the Python `regex` module with
 * IGNORECASE on already lower-cased text:
 *
 *   <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
 *
 * Case-insensitivity is spelled out instead of using the `i` flag, because
 * JavaScript's and `regex`'s case folding disagree on one character each way:
 * - long s U+017F folds to `s` and survives lower-casing, so `'ſ` matches `'s`
 *   and `<|ſtartoftext|>` the special-token alternative (that piece is then
 *   byte-pair encoded as ordinary text, as in Python, since only the exact
 *   strings map to the special ids);
 * - U+0345 (combining ypogegrammeni, folds to ι) is excluded from the
 *   "other" class as `regex` excludes it, and so matches no alternative and
 *   is dropped, while JavaScript's `/iu` would count it as a letter.
 * `\s` is the `regex` module's (Unicode White_Space), not JavaScript's.
 */
const CLIP_PIECE_RE = new RegExp(
  [
    '<\\|[s\\u017f]tartoftext\\|>',
    '<\\|endoftext\\|>',
    "'[s\\u017f]",
    "'t",
    "'re",
    "'ve",
    "'m",
    "'ll",
    "'d",
    '\\p{L}+',
    '\\p{N}',
    `[^${REGEX_MODULE_SPACE_CLASS.slice(1, -1)}\\p{L}\\p{N}\\u0345]+`,
  ].join('|'),
  'gu',
);

/**
 * Splits cleaned (lower-cased) text into the pieces CLIP byte-pair encodes one
 * by one (`re.findall(self.pat, text)`): the literal special-token strings,
 * English contraction endings, runs of letters, single digits, and runs of
 * anything else but whitespace. Whitespace separates pieces and is dropped.
 */
export function splitClipPieces(cleaned: string): string[] {
  return cleaned.match(CLIP_PIECE_RE) ?? [];
}

import { collapseWhitespace, REGEX_MODULE_SPACE_CLASS, stripWhitespace } from '../../../tokenizer/pythonWhitespace.js';
import { fixText } from './ftfy/fixText.js';
import { htmlUnescape } from './htmlUnescape.js';

/**
 * CLIP's text cleaning, `whitespace_clean(basic_clean(text)).lower()` from
 * OpenAI's `clip/simple_tokenizer.py` - the exact string the BPE sees:
 *
 * 1. `ftfy.fix_text` ({@link fixText}), then Python's `html.unescape` twice, then `strip()`;
 * 2. every run of whitespace (the `regex` module's `\s`) -> one space, `strip()`;
 * 3. Python's `str.lower()` (JavaScript's `toLowerCase()` is the same
 *    locale-independent Unicode mapping, final sigma included).
 */
export function cleanText(text: string): string {
  const basic = stripWhitespace(htmlUnescape(htmlUnescape(fixText(text))));
  return stripWhitespace(collapseWhitespace(basic)).toLowerCase();
}

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

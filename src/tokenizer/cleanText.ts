import { fixText } from './ftfy/fixText.js';
import { htmlUnescape } from './htmlUnescape.js';
import { collapseWhitespace, stripWhitespace } from './pythonWhitespace.js';

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

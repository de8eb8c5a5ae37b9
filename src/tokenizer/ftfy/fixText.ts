import { CHARACTER_FIXES } from './characterFixes.js';
import { fixEncoding } from './fixEncoding.js';
import { unescapeHtmlEntities } from './unescapeHtmlEntities.js';

/** ftfy's `max_decode_length`: the longest segment fixed at once (UTF-16 units here). */
const MAX_DECODE_LENGTH = 1_000_000;

/**
 * A port of `ftfy.fix_text(text)` (ftfy 6.3.1, default configuration), the
 * first step of CLIP's text cleaning. Line by line it repeats, until nothing
 * changes: decode HTML entities (only while no `<` has been seen, since text
 * with `<` may be real HTML), undo mojibake, replace C1 controls, split Latin
 * ligatures, fold full/half-width forms, straighten curly quotes, unify line
 * breaks, repair surrogates, drop terminal escapes and control characters, and
 * NFC-normalize.
 *
 * Pure and total: any string in, a string out.
 */
export function fixText(text: string): string {
  let unescapeHtml = true;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos) + 1;
    if (end === 0) end = text.length;
    if (end - pos > MAX_DECODE_LENGTH) {
      end = pos + MAX_DECODE_LENGTH;
      if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    const segment = text.slice(pos, end);
    // ftfy's 'auto' mode: once a segment contains '<', entities stay for the rest of the text
    if (unescapeHtml && segment.includes('<')) unescapeHtml = false;
    out += fixSegment(segment, unescapeHtml);
    pos = end;
  }
  return out;
}

/** ftfy's `fix_and_explain` on one segment, without the explanation. */
function fixSegment(segment: string, unescapeHtml: boolean): string {
  let text = segment;
  for (;;) {
    const before = text;
    if (unescapeHtml) text = unescapeHtmlEntities(text);
    text = fixEncoding(text);
    for (const { fix } of CHARACTER_FIXES) text = fix(text);
    text = text.normalize('NFC');
    if (text === before) return text;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

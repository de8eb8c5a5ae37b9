import { unescapeHtmlEntities } from '../htmlUnescape.js';
import { fixC1Controls, fixEncoding } from './fixEncoding.js';

/** One of ftfy's character-level fixers: a pure `str -> str` function and its ftfy name. */
export interface CharacterFix {
  /** The ftfy option / function name, e.g. `uncurl_quotes`. */
  readonly name: string;
  readonly fix: (text: string) => string;
}

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

/** ftfy `chardata.LIGATURES`: Latin ligatures and legacy digraphs, split into their letters. */
const LIGATURES: ReadonlyMap<string, string> = new Map([
  ['Ĳ', 'IJ'], ['ĳ', 'ij'], ['ŉ', 'ʼn'],
  ['Ǳ', 'DZ'], ['ǲ', 'Dz'], ['ǳ', 'dz'], ['Ǆ', 'DŽ'], ['ǅ', 'Dž'], ['ǆ', 'dž'],
  ['Ǉ', 'LJ'], ['ǈ', 'Lj'], ['ǉ', 'lj'], ['Ǌ', 'NJ'], ['ǋ', 'Nj'], ['ǌ', 'nj'],
  ['ﬀ', 'ff'], ['ﬁ', 'fi'], ['ﬂ', 'fl'], ['ﬃ', 'ffi'], ['ﬄ', 'ffl'], ['ﬅ', 'ſt'], ['ﬆ', 'st'],
]);
const LIGATURE_RE = new RegExp(`[${[...LIGATURES.keys()].join('')}]`, 'g');

/**
 * ftfy `chardata.WIDTH_MAP`: U+3000 ideographic space -> space, and every
 * halfwidth/fullwidth form U+FF01..U+FFEF that NFKC changes -> its NFKC form.
 */
const WIDTH_MAP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>([['\u3000', ' ']]);
  for (let code = 0xff01; code < 0xfff0; code++) {
    const char = String.fromCharCode(code);
    const alternate = char.normalize('NFKC');
    if (alternate !== char) map.set(char, alternate);
  }
  return map;
})();
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;

const SINGLE_QUOTE_RE = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTE_RE = /[\u201c-\u201f]/g;
const LINE_BREAK_RE = /\r\n|[\r\u2028\u2029\u0085]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Python's \d in a str pattern is any decimal digit, hence \p{Nd}.
const ANSI_ESCAPE_RE = /\u001b\[(?:\p{Nd}|;)*[a-zA-Z]/gu;
// ftfy chardata.CONTROL_CHARS: C0 controls except \t \n \f \r, DEL, deprecated
// Arabic format controls, the byte-order mark, interlinear annotation, U+FFFC.
const CONTROL_CHAR_RE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;

/**
 * ftfy 6.3.1's character-level fixers, in the order `fix_and_explain` applies
 * them after `fix_encoding` (all enabled by default).
 */
export const CHARACTER_FIXES: readonly CharacterFix[] = Object.freeze([
  { name: 'fix_c1_controls', fix: fixC1Controls },
  { name: 'fix_latin_ligatures', fix: (text: string) => text.replace(LIGATURE_RE, (char) => LIGATURES.get(char) ?? char) },
  { name: 'fix_character_width', fix: (text: string) => text.replace(WIDTH_RE, (char) => WIDTH_MAP.get(char) ?? char) },
  { name: 'uncurl_quotes', fix: (text: string) => text.replace(DOUBLE_QUOTE_RE, '"').replace(SINGLE_QUOTE_RE, "'") },
  { name: 'fix_line_breaks', fix: (text: string) => text.replace(LINE_BREAK_RE, '\n') },
  // JS strings already pair surrogates; an unpaired one becomes U+FFFD as in ftfy
  { name: 'fix_surrogates', fix: (text: string) => text.replace(LONE_SURROGATE_RE, '\ufffd') },
  { name: 'remove_terminal_escapes', fix: (text: string) => text.replace(ANSI_ESCAPE_RE, '') },
  { name: 'remove_control_chars', fix: (text: string) => text.replace(CONTROL_CHAR_RE, '') },
]);

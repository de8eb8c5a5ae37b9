import { singleByteCodec } from './singleByteCodecs.js';

/** One of ftfy's character-level fixers: a pure `str -> str` function and its ftfy name. */
export interface CharacterFix {
  /** The ftfy option / function name, e.g. `uncurl_quotes`. */
  readonly name: string;
  readonly fix: (text: string) => string;
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

const C1_CONTROL_RE = /[\u0080-\u009f]/g;
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
 * ftfy's `fix_c1_controls`: C1 controls U+0080..U+009F left over from Latin-1
 * become their Windows-1252 characters, as browsers do (the five bytes
 * Windows-1252 leaves undefined stay as they are).
 */
export function fixC1Controls(text: string): string {
  const table = singleByteCodec('sloppy-windows-1252').decodeTable;
  return text.replace(C1_CONTROL_RE, (char) => table[char.charCodeAt(0)] ?? char);
}

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

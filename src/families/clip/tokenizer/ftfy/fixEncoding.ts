import { decodeSingleByte, decodeUtf8Variants, encodeSingleByte, singleByteCodec, type SingleByteEncoding } from './codecs.js';
import { isBad } from './isBad.js';

/**
 * ftfy `chardata.CHARMAP_ENCODINGS`: the encodings UTF-8 may have been
 * mis-decoded with, in the order they are tried.
 */
const CHARMAP_ENCODINGS: readonly SingleByteEncoding[] = [
  'latin-1',
  'sloppy-windows-1252',
  'sloppy-windows-1251',
  'sloppy-windows-1250',
  'sloppy-windows-1253',
  'sloppy-windows-1254',
  'sloppy-windows-1257',
  'iso-8859-2',
  'macroman',
  'cp437',
];

const ASCII_RE = /^[\x00-\x7f]*$/;
const HAS_C1_CONTROL_RE = /[\u0080-\u009f]/;
const C1_CONTROL_RE = /[\u0080-\u009f]/g;

/**
 * ftfy 6.3.1's `fix_encoding` with the default options: while the text looks
 * like mojibake ({@link isBad}), undo one layer of it - re-encode it in the
 * first single-byte encoding that can hold it and whose bytes decode as UTF-8
 * (`cafÃ©` -> `café`), else fix embedded UTF-8 runs, else treat Latin-1 as
 * Windows-1252, else replace C1 controls.
 */
export function fixEncoding(text: string): string {
  for (;;) {
    const fixed = fixEncodingOneStep(text);
    if (fixed === text) return fixed;
    text = fixed;
  }
}

function fixEncodingOneStep(text: string): string {
  if (text.length === 0 || ASCII_RE.test(text) || !isBad(text)) return text;

  let latin1Possible = false;
  for (const encoding of CHARMAP_ENCODINGS) {
    let bytes = encodeSingleByte(text, encoding);
    if (bytes === null) continue;
    if (encoding === 'latin-1') latin1Possible = true;
    // in MacRoman a space after an en dash would look like a lost 0xA0
    if (encoding !== 'macroman') bytes = restoreByteA0(bytes);
    if (encoding.startsWith('sloppy-')) bytes = replaceLossySequences(bytes);
    const decoded = decodeUtf8Variants(bytes);
    if (decoded !== null) return decoded;
  }

  const embeddedFixed = decodeInconsistentUtf8(text);
  if (embeddedFixed !== text) return embeddedFixed;

  // Latin-1 text with C1 controls was probably Windows-1252. (ftfy first asks
  // whether 'windows-1252' was also possible, a name its list never contains,
  // so that early return never happens; this port keeps the behaviour.)
  if (latin1Possible) {
    const fixed = decodeSingleByte(encodeSingleByte(text, 'latin-1') ?? '', 'windows-1252');
    if (fixed !== null && fixed !== text) return fixed;
  }

  if (HAS_C1_CONTROL_RE.test(text)) return fixC1Controls(text);
  return text;
}

/**
 * ftfy's `fix_c1_controls`: C1 controls U+0080..U+009F left over from Latin-1
 * become their Windows-1252 characters, as browsers do (the five bytes
 * Windows-1252 leaves undefined stay as they are). Also one of the character
 * fixes `fixText` applies after `fixEncoding`.
 */
export function fixC1Controls(text: string): string {
  const table = singleByteCodec('sloppy-windows-1252').decodeTable;
  return text.replace(C1_CONTROL_RE, (char) => table[char.charCodeAt(0)] ?? char);
}

// ftfy's two byte-level "transcode" steps, applied to the re-encoded bytes of
// suspected mojibake before they are decoded as UTF-8. Bytes are binary
// strings: one UTF-16 unit 0..255 per byte.

// ftfy chardata.ALTERED_UTF8_RE: UTF-8 sequences that would be valid if one
// space were the byte 0xA0 a Windows-1252 program turned into a space.
const ALTERED_UTF8_RE =
  /[\xc2\xc3\xc5\xce\xd0\xd9][ ]|[\xe2\xe3][ ][\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf][ ]|[\xf0][ ][\x80-\xbf][\x80-\xbf]|[\xf0][\x80-\xbf][ ][\x80-\xbf]|[\xf0][\x80-\xbf][\x80-\xbf][ ]/g;

// ftfy fixes.A_GRAVE_WORD_RE: "Ã " as a word of its own was "à " (French, Portuguese),
// except before the Portuguese contractions "às", "àquele", "àquela", "àquilo".
const A_GRAVE_WORD_RE = /\xc3 (?! |quele|quela|quilo|s )/g;

// ftfy chardata.LOSSY_UTF8_RE: UTF-8 / CESU-8 sequences that lost continuation
// bytes to U+FFFD (byte 0x1A in the sloppy codecs) or, at most once, to '?'.
const LOSSY_UTF8_RE = new RegExp(
  [
    '[\\xc2-\\xdf][\\x1a]',
    '[\\xc2-\\xc3][?]',
    '\\xed[\\xa0-\\xaf][\\x1a?]\\xed[\\xb0-\\xbf][\\x1a?\\x80-\\xbf]',
    '\\xed[\\xa0-\\xaf][\\x1a?\\x80-\\xbf]\\xed[\\xb0-\\xbf][\\x1a?]',
    '[\\xe0-\\xef][\\x1a?][\\x1a\\x80-\\xbf]',
    '[\\xe0-\\xef][\\x1a\\x80-\\xbf][\\x1a?]',
    '[\\xf0-\\xf4][\\x1a?][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf]',
    '[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a?][\\x1a\\x80-\\xbf]',
    '[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf][\\x1a?]',
    '\\x1a',
  ].join('|'),
  'g',
);

/** UTF-8 bytes of U+FFFD as a binary string. */
const REPLACEMENT_BYTES = '\xef\xbf\xbd';

/**
 * ftfy's `restore_byte_a0`: puts back the byte 0xA0 where a space replaced it
 * inside what would otherwise be a UTF-8 sequence. (ftfy only calls it when
 * `ALTERED_UTF8_RE` matches; without a match it changes nothing anyway.)
 */
export function restoreByteA0(bytes: string): string {
  return bytes
    .replace(A_GRAVE_WORD_RE, '\xc3\xa0 ')
    .replace(ALTERED_UTF8_RE, (sequence) => sequence.replaceAll(' ', '\xa0'));
}

/**
 * ftfy's `replace_lossy_sequences`: a UTF-8 sequence with a lost byte (0x1A,
 * or '?') becomes the UTF-8 bytes of U+FFFD, so the rest can still be decoded.
 */
export function replaceLossySequences(bytes: string): string {
  return bytes.replace(LOSSY_UTF8_RE, REPLACEMENT_BYTES);
}

/** The encodings whose characters ftfy's `UTF8_CLUES` are drawn from (strict codecs). */
const CLUE_ENCODINGS: readonly SingleByteEncoding[] = [
  'latin-1',
  'windows-1252',
  'windows-1251',
  'windows-1250',
  'windows-1253',
  'windows-1254',
  'windows-1257',
];

/** Punctuation that often stands for itself next to mojibake, so it does not count as strict evidence. */
const NOT_STRICT = ' –—―‘’‚“”„•…';

/** Every character that `bytes` decode to in any of the clue encodings. */
function charactersOf(bytes: readonly number[]): string {
  const chars = new Set<string>();
  for (const name of CLUE_ENCODINGS) {
    const table = singleByteCodec(name).decodeTable;
    for (const byte of bytes) {
      const char = table[byte];
      if (char !== undefined) chars.add(char);
    }
  }
  return [...chars].join('');
}

function byteRange(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function anyOf(chars: string): string {
  return `[${[...chars].map((c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`).join('')}]`;
}

/**
 * ftfy 6.3.1's `chardata.UTF8_DETECTOR_RE`: runs of what look like UTF-8 lead
 * and continuation bytes decoded in a Latin-1-like encoding (a space may stand
 * for a lost U+A0), not preceded by a strict continuation character. The clue
 * sets are the union of the clue encodings' decodings of the lead bytes
 * C2..DF, E0..EF, F0/F3 and continuation bytes 80..BF - which is how ftfy's
 * hand-listed tables are made up.
 */
const UTF8_DETECTOR_RE: RegExp = (() => {
  const continuation = charactersOf(byteRange(0x80, 0xbf)) + ' ';
  const strict = [...continuation].filter((c) => !NOT_STRICT.includes(c)).join('');
  const cont = anyOf(continuation);
  const lead2 = anyOf(charactersOf(byteRange(0xc2, 0xdf)));
  const lead3 = anyOf(charactersOf(byteRange(0xe0, 0xef)));
  const lead4 = anyOf(charactersOf([0xf0, 0xf3]));
  return new RegExp(`(?<!${anyOf(strict)})(?:${lead2}${cont}|${lead3}${cont}{2}|${lead4}${cont}{3})+`, 'gu');
})();

/**
 * ftfy's `decode_inconsistent_utf8`: fixes mojibake embedded in text that as a
 * whole cannot be re-decoded (e.g. two strings in different encodings glued
 * together), by running `fixEncoding` on each UTF-8-looking run that is
 * shorter than the text and looks bad on its own.
 */
export function decodeInconsistentUtf8(text: string): string {
  return text.replace(UTF8_DETECTOR_RE, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run));
}

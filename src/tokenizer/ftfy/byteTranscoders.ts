/**
 * ftfy's two byte-level "transcode" steps, applied to the re-encoded bytes of
 * suspected mojibake before they are decoded as UTF-8. Bytes are binary
 * strings: one UTF-16 unit 0..255 per byte.
 */

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

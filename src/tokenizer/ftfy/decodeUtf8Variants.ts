/**
 * Decodes a binary string (one UTF-16 unit 0..255 per byte) as ftfy's
 * `utf-8-variants` codec: strict UTF-8 (Python's rules: no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF), plus the two non-standard forms
 * buggy encoders write - CESU-8 (a supplementary character as two encoded
 * UTF-16 surrogates, six bytes) and Java's two-byte null `C0 80`.
 *
 * Without bytes 0xED and 0xC0 this is exactly Python's strict UTF-8 decoder,
 * which is why ftfy only names the variant codec when those bytes occur.
 *
 * @returns the decoded text, or `null` where Python would raise UnicodeDecodeError.
 */
export function decodeUtf8Variants(binary: string): string | null {
  const n = binary.length;
  const at = (i: number): number => (i < n ? binary.charCodeAt(i) : -1);
  const isTail = (byte: number, low = 0x80, high = 0xbf): boolean => byte >= low && byte <= high;
  let out = '';
  let i = 0;
  while (i < n) {
    const b0 = at(i);
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
    } else if (b0 === 0xc0 && at(i + 1) === 0x80) {
      out += '\u0000';
      i += 2;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      const b1 = at(i + 1);
      if (!isTail(b1)) return null;
      out += String.fromCharCode(((b0 & 0x1f) << 6) | (b1 & 0x3f));
      i += 2;
    } else if (b0 === 0xed && isCesu8Pair(at(i + 1), at(i + 2), at(i + 3), at(i + 4), at(i + 5))) {
      const codePoint =
        0x10000 + ((at(i + 1) & 0x0f) << 16) + ((at(i + 2) & 0x3f) << 10) + ((at(i + 4) & 0x0f) << 6) + (at(i + 5) & 0x3f);
      out += String.fromCodePoint(codePoint);
      i += 6;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const low = b0 === 0xe0 ? 0xa0 : 0x80;
      const high = b0 === 0xed ? 0x9f : 0xbf;
      const b1 = at(i + 1);
      const b2 = at(i + 2);
      if (!isTail(b1, low, high) || !isTail(b2)) return null;
      out += String.fromCharCode(((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
      i += 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const low = b0 === 0xf0 ? 0x90 : 0x80;
      const high = b0 === 0xf4 ? 0x8f : 0xbf;
      const b1 = at(i + 1);
      const b2 = at(i + 2);
      const b3 = at(i + 3);
      if (!isTail(b1, low, high) || !isTail(b2) || !isTail(b3)) return null;
      out += String.fromCodePoint(((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f));
      i += 4;
    } else {
      return null;
    }
  }
  return out;
}

/** `ED [A0-AF] [80-BF] ED [B0-BF] [80-BF]`, given the five bytes after the first 0xED. */
function isCesu8Pair(b1: number, b2: number, b3: number, b4: number, b5: number): boolean {
  return (
    b1 >= 0xa0 && b1 <= 0xaf && b2 >= 0x80 && b2 <= 0xbf && b3 === 0xed && b4 >= 0xb0 && b4 <= 0xbf && b5 >= 0x80 && b5 <= 0xbf
  );
}

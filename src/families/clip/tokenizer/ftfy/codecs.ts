import { HIGH_HALF_DECODINGS } from './charmapTables.js';

/**
 * The codecs ftfy undoes mojibake with: the single-byte charmaps (and ftfy's
 * "sloppy" variants) that text is re-encoded in, and ftfy's `utf-8-variants`
 * decoder for the bytes that come out. Bytes are binary strings: one UTF-16
 * unit 0..255 per byte.
 */

/**
 * The single-byte encodings ftfy 6.3.1 may have to undo, by Python codec name.
 * `sloppy-*` are ftfy's variants: a byte the real codec leaves undefined
 * decodes as its Latin-1 character, and byte 0x1A stands for U+FFFD (so text
 * that already lost a byte to `�` can still be re-encoded).
 */
export type SingleByteEncoding =
  | 'latin-1'
  | 'windows-1252'
  | 'windows-1250'
  | 'windows-1251'
  | 'windows-1253'
  | 'windows-1254'
  | 'windows-1257'
  | 'sloppy-windows-1250'
  | 'sloppy-windows-1251'
  | 'sloppy-windows-1252'
  | 'sloppy-windows-1253'
  | 'sloppy-windows-1254'
  | 'sloppy-windows-1257'
  | 'iso-8859-2'
  | 'macroman'
  | 'cp437';

/** A charmap codec: byte -> character (`undefined` where the strict codec has none) and back. */
export interface SingleByteCodec {
  readonly name: SingleByteEncoding;
  /** 256 entries, index = byte; `undefined` = decoding this byte is an error. */
  readonly decodeTable: readonly (string | undefined)[];
  /** Character (one UTF-16 unit; all are in the BMP) -> byte. */
  readonly encodeTable: ReadonlyMap<string, number>;
}

const UNDEFINED_BYTE = '\ufffd';
const codecs = new Map<SingleByteEncoding, SingleByteCodec>();

/** The codec for `name`, built on first use from the fact tables in charmapTables.ts. */
export function singleByteCodec(name: SingleByteEncoding): SingleByteCodec {
  let codec = codecs.get(name);
  if (codec === undefined) {
    codec = buildCodec(name);
    codecs.set(name, codec);
  }
  return codec;
}

function buildCodec(name: SingleByteEncoding): SingleByteCodec {
  const sloppy = name.startsWith('sloppy-');
  const base = sloppy ? name.slice('sloppy-'.length) : name;
  const highHalf = base === 'latin-1' ? undefined : HIGH_HALF_DECODINGS[base];
  const decodeTable: (string | undefined)[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const latin1 = String.fromCharCode(byte);
    const decoded = byte < 0x80 || highHalf === undefined ? latin1 : highHalf[byte - 0x80];
    if (decoded === undefined) throw new Error(`charmap table for ${base} is shorter than 128 characters`);
    decodeTable.push(decoded !== UNDEFINED_BYTE ? decoded : sloppy ? latin1 : undefined);
  }
  if (sloppy) decodeTable[0x1a] = UNDEFINED_BYTE;
  const encodeTable = new Map<string, number>();
  decodeTable.forEach((char, byte) => {
    if (char !== undefined && !encodeTable.has(char)) encodeTable.set(char, byte);
  });
  return { name, decodeTable, encodeTable };
}

/**
 * Encodes `text` in a single-byte encoding (Python `text.encode(name)`).
 *
 * @returns a binary string (one UTF-16 unit 0..255 per byte), or `null` when
 *   some character has no byte in that encoding.
 */
export function encodeSingleByte(text: string, name: SingleByteEncoding): string | null {
  const { encodeTable } = singleByteCodec(name);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const byte = encodeTable.get(text[i] as string);
    if (byte === undefined) return null;
    out += String.fromCharCode(byte);
  }
  return out;
}

/**
 * Decodes a binary string in a single-byte encoding (Python `bytes.decode(name)`).
 *
 * @returns the text, or `null` where a byte is undefined in that (strict) encoding.
 */
export function decodeSingleByte(binary: string, name: SingleByteEncoding): string | null {
  const { decodeTable } = singleByteCodec(name);
  let out = '';
  for (let i = 0; i < binary.length; i++) {
    const char = decodeTable[binary.charCodeAt(i)];
    if (char === undefined) return null;
    out += char;
  }
  return out;
}

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

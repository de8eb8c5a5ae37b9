import { HIGH_HALF_DECODINGS } from './charmapTables.js';

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

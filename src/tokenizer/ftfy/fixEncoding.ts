import { replaceLossySequences, restoreByteA0 } from './byteTranscoders.js';
import { fixC1Controls } from './characterFixes.js';
import { decodeInconsistentUtf8 } from './decodeInconsistentUtf8.js';
import { decodeUtf8Variants } from './decodeUtf8Variants.js';
import { isBad } from './isBad.js';
import { decodeSingleByte, encodeSingleByte, type SingleByteEncoding } from './singleByteCodecs.js';

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
const C1_CONTROL_RE = /[\u0080-\u009f]/;

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

  const embeddedFixed = decodeInconsistentUtf8(text, fixEncoding);
  if (embeddedFixed !== text) return embeddedFixed;

  // Latin-1 text with C1 controls was probably Windows-1252. (ftfy first asks
  // whether 'windows-1252' was also possible, a name its list never contains,
  // so that early return never happens; this port keeps the behaviour.)
  if (latin1Possible) {
    const fixed = decodeSingleByte(encodeSingleByte(text, 'latin-1') ?? '', 'windows-1252');
    if (fixed !== null && fixed !== text) return fixed;
  }

  if (C1_CONTROL_RE.test(text)) return fixC1Controls(text);
  return text;
}

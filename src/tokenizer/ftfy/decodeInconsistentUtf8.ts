import { isBad } from './isBad.js';
import { singleByteCodec, type SingleByteEncoding } from './singleByteCodecs.js';

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
 *
 * @param fixEncoding ftfy's `fix_encoding`, passed in to avoid an import cycle.
 */
export function decodeInconsistentUtf8(text: string, fixEncoding: (text: string) => string): string {
  return text.replace(UTF8_DETECTOR_RE, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run));
}

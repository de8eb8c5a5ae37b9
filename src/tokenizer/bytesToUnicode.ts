/**
 * GPT-2's reversible byte -> character table, as used by CLIP's BPE
 * (`bytes_to_unicode()` in OpenAI's `clip/simple_tokenizer.py`).
 *
 * The 188 printable bytes `!`..`~`, `¡`..`¬`, `®`..`ÿ` stand for themselves;
 * the other 68 bytes (controls, space, U+A0, U+AD, ...) are shifted to
 * U+0100..U+0143 in byte order, so no byte symbol is whitespace or a control
 * character and merges.txt can separate symbols with a space.
 *
 * @returns 256 one-character strings; index = byte value 0..255.
 */
export function bytesToUnicode(): readonly string[] {
  const table: string[] = new Array<string>(256);
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    if (isPrintableByte(byte)) {
      table[byte] = String.fromCharCode(byte);
    } else {
      table[byte] = String.fromCharCode(256 + shifted);
      shifted++;
    }
  }
  return table;
}

function isPrintableByte(byte: number): boolean {
  return (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
}

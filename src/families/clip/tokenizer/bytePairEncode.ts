import { ModelLoadError, messageOf } from '../../../errors/errors.js';

/**
 * CLIP's byte-level BPE (OpenAI's `clip/simple_tokenizer.py`): the vocabulary and merges a
 * Hugging Face CLIP tokenizer ships as `vocab.json` and `merges.txt`, the byte -> symbol table,
 * and the merge loop that turns one word's byte symbols into vocabulary tokens.
 */

/** One BPE merge: the two symbols that become one. */
export type MergePair = readonly [first: string, second: string];

/**
 * Merge ranks of a BPE vocabulary: key `"<first> <second>"` (the two symbols
 * joined by one space, as on a merges.txt line) -> rank, 0 = the first merge
 * learned. Byte symbols never contain a space, so the key is unambiguous.
 */
export type MergeRanks = ReadonlyMap<string, number>;

/**
 * Parses the contents of a Hugging Face `vocab.json` (token string -> id).
 *
 * @param json the file's text.
 * @param source where it came from, for error messages (a path or a label).
 * @returns token -> id; ids are checked to be distinct integers 0..n-1.
 * @throws ModelLoadError when the text is no JSON object of dense integer ids.
 */
export function parseVocabJson(json: string, source = 'vocab.json'): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.startsWith('\ufeff') ? json.slice(1) : json);
  } catch (error) {
    throw new ModelLoadError(`${source} is not valid JSON: ${messageOf(error)}`, source, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ModelLoadError(`${source} must be a JSON object mapping token strings to ids.`, source);
  }
  const vocab = new Map<string, number>();
  const seen = new Set<number>();
  const entries = Object.entries(parsed);
  for (const [token, id] of entries) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= entries.length || seen.has(id)) {
      throw new ModelLoadError(
        `${source}: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}; ids must be distinct integers 0..${entries.length - 1}.`,
        source,
      );
    }
    seen.add(id);
    vocab.set(token, id);
  }
  return vocab;
}

/**
 * Parses the contents of a Hugging Face `merges.txt`: an optional
 * `#version: ...` header line, then one merge `first second` per line in rank
 * order (line 2 = rank 0). Blank lines are skipped; CRLF is accepted.
 *
 * @param text the file's text.
 * @param source where it came from, for error messages (a path or a label).
 * @throws ModelLoadError on a line that is not two space-separated symbols.
 */
export function parseMergesTxt(text: string, source = 'merges.txt'): MergePair[] {
  const lines = text.split('\n');
  const merges: MergePair[] = [];
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || (index === 0 && line.startsWith('#version'))) return;
    const parts = line.split(' ');
    const [first, second] = parts;
    if (parts.length !== 2 || first === undefined || second === undefined || first === '' || second === '') {
      throw new ModelLoadError(
        `${source} line ${index + 1}: ${JSON.stringify(line)} is not a merge; expected two symbols separated by one space.`,
        source,
      );
    }
    merges.push([first, second]);
  });
  return merges;
}

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

/**
 * Byte-pair encodes one word, as `SimpleTokenizer.bpe` does: repeatedly find
 * the adjacent pair with the lowest merge rank and merge every occurrence of
 * it, left to right without overlap, until no adjacent pair has a rank.
 *
 * @param symbols the word's byte symbols, the last one already carrying the
 *   end-of-word marker `</w>`; not modified.
 * @param ranks merge ranks of the vocabulary.
 * @returns the merged symbols (at least one when `symbols` is not empty).
 */
export function bytePairEncode(symbols: readonly string[], ranks: MergeRanks): string[] {
  let word = symbols.slice();
  while (word.length > 1) {
    let bestRank = Infinity;
    let first = '';
    let second = '';
    for (let i = 0; i + 1 < word.length; i++) {
      const left = word[i] as string;
      const right = word[i + 1] as string;
      const rank = ranks.get(`${left} ${right}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        first = left;
        second = right;
      }
    }
    if (bestRank === Infinity) break;
    const merged: string[] = [];
    for (let i = 0; i < word.length; i++) {
      if (word[i] === first && i + 1 < word.length && word[i + 1] === second) {
        merged.push(first + second);
        i++;
      } else {
        merged.push(word[i] as string);
      }
    }
    word = merged;
  }
  return word;
}

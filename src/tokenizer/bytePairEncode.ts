/**
 * Merge ranks of a BPE vocabulary: key `"<first> <second>"` (the two symbols
 * joined by one space, as on a merges.txt line) -> rank, 0 = the first merge
 * learned. Byte symbols never contain a space, so the key is unambiguous.
 */
export type MergeRanks = ReadonlyMap<string, number>;

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

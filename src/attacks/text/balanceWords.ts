/**
 * Splits words into at most `maxLines` lines so that the longest line (in
 * characters, spaces included) is as short as possible; on a tie the later lines
 * take more words ("great" / "white shark"). Used for "multi-word class names on two lines".
 */
export function balanceWords(words: readonly string[], maxLines: number): string[] {
  const n = words.length;
  const lines = Math.max(1, Math.min(maxLines, n));
  if (n <= 1 || lines === 1) return [words.join(' ')];
  const lengthOf = (from: number, to: number): number => words.slice(from, to).join(' ').length;
  // best[k][i]: smallest possible longest line when the first i words take k lines.
  const best: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const cut: number[][] = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(0));
  (best[0] as number[])[0] = 0;
  for (let k = 1; k <= lines; k++) {
    for (let i = k; i <= n; i++) {
      for (let j = k - 1; j < i; j++) {
        const cost = Math.max((best[k - 1] as number[])[j] as number, lengthOf(j, i));
        if (cost < ((best[k] as number[])[i] as number)) {
          (best[k] as number[])[i] = cost;
          (cut[k] as number[])[i] = j;
        }
      }
    }
  }
  const result: string[] = [];
  for (let k = lines, i = n; k > 0; k--) {
    const j = (cut[k] as number[])[i] as number;
    result.unshift(words.slice(j, i).join(' '));
    i = j;
  }
  return result;
}

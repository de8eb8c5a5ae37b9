/**
 * Greedy word wrap: fills each line with as many words as fit in `maxWidth`
 * (as `measure` reports, in px). A word wider than `maxWidth` gets a line of its
 * own; the caller detects that it does not fit.
 */
export function wrapToWidth(paragraph: string, maxWidth: number, measure: (line: string) => number): string[] {
  const words = paragraph.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = words[0] as string;
  for (const word of words.slice(1)) {
    const candidate = `${line} ${word}`;
    if (measure(candidate) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

import { ModelLoadError } from '../errors/ModelLoadError.js';

/** One BPE merge: the two symbols that become one. */
export type MergePair = readonly [first: string, second: string];

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

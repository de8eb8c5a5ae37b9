/**
 * The attack text on its way to the page: whether a text may be written at all, then letter
 * case, spelling perturbation, and line breaking (balanced words or greedy wrap to a width).
 */
import { attackSpecSchema, type AttackSpec } from './attackSpec.js';
import type { Rng } from './createRng.js';

/**
 * Why `text` cannot be written as an attack (the spec's rule: at most 200 characters, no control
 * characters but "\n"), e.g. `must be at most 200 characters`; undefined when it can. For texts
 * that come from elsewhere than a spec, such as the class names a strategy draws.
 */
export function attackTextProblem(text: string): string | undefined {
  const parsed = attackSpecSchema.shape.text.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
}

/**
 * Changes the letter case of the attack text. Locale-independent (no Turkish
 * dotted-i rules), so the result is the same on every host.
 */
export function applyLetterCase(text: string, letterCase: AttackSpec['letterCase']): string {
  switch (letterCase) {
    case 'asIs':
      return text;
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'title':
      return text.toLowerCase().replace(/(^|[\s\-/])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
  }
}

/** Leetspeak digits for letters (either case), as in common "l33t" attacks on text classifiers. */
export const leetDigits: Readonly<Record<string, string>> = Object.freeze({
  a: '4', b: '8', e: '3', g: '9', i: '1', l: '1', o: '0', s: '5', t: '7', z: '2',
});

/**
 * Latin letters and the Cyrillic or Greek letters that look the same in most
 * fonts (Unicode confusables). Key and value are single code points.
 */
export const homoglyphs: Readonly<Record<string, string>> = Object.freeze({
  a: '\u0430', c: '\u0441', e: '\u0435', i: '\u0456', j: '\u0458', o: '\u043e', p: '\u0440', s: '\u0455', x: '\u0445', y: '\u0443',
  A: '\u0410', B: '\u0412', C: '\u0421', E: '\u0415', H: '\u041d', I: '\u0406', J: '\u0408', K: '\u041a', M: '\u041c',
  N: '\u039d', O: '\u041e', P: '\u0420', S: '\u0405', T: '\u0422', X: '\u0425', Y: '\u03a5', Z: '\u0396',
});

/** Up to `count` distinct items of `items`, drawn without replacement (partial Fisher-Yates). */
function drawDistinct(items: readonly number[], count: number, rng: Rng): number[] {
  const pool = [...items];
  const chosen: number[] = [];
  while (chosen.length < count && pool.length > 0) {
    const at = rng.int(0, pool.length - 1);
    chosen.push(pool[at] as number);
    pool.splice(at, 1);
  }
  return chosen;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);

function swapLetters(chars: string[], count: number, rng: Rng): void {
  const eligible = chars.map((_c, i) => i).filter((i) => isLetter(chars[i]) && isLetter(chars[i + 1]) && chars[i] !== chars[i + 1]);
  const used = new Set<number>();
  for (const i of drawDistinct(eligible, eligible.length, rng)) {
    if (used.size >= count * 2) break;
    if (used.has(i) || used.has(i + 1)) continue;
    [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
    used.add(i).add(i + 1);
  }
}

function substitute(chars: string[], count: number, rng: Rng, lookup: (c: string) => string | undefined): void {
  const eligible = chars.map((_c, i) => i).filter((i) => lookup(chars[i] as string) !== undefined);
  for (const i of drawDistinct(eligible, count, rng)) chars[i] = lookup(chars[i] as string) as string;
}

/**
 * Applies a spelling perturbation at positions drawn from `rng`: swap adjacent
 * letters, leetspeak digits, or homoglyphs. Homoglyphs are only used where
 * `hasGlyph` says the chosen font can draw them, so a perturbation never turns
 * a renderable text into one with missing glyphs. Changes at most `count`
 * positions (fewer when the text has fewer eligible ones).
 */
export function perturbSpelling(text: string, perturbation: AttackSpec['perturbation'], rng: Rng, hasGlyph: (char: string) => boolean): string {
  if (perturbation.kind === 'none' || perturbation.count === 0) return text;
  const chars = Array.from(text);
  switch (perturbation.kind) {
    case 'swap':
      swapLetters(chars, perturbation.count, rng);
      break;
    case 'leet':
      substitute(chars, perturbation.count, rng, (c) => leetDigits[c.toLowerCase()]);
      break;
    case 'homoglyph':
      substitute(chars, perturbation.count, rng, (c) => {
        const glyph = homoglyphs[c];
        return glyph !== undefined && hasGlyph(glyph) ? glyph : undefined;
      });
      break;
  }
  return chars.join('');
}

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

import type { Rng } from '../random/createRng.js';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import { homoglyphs, leetDigits } from './substitutionTables.js';

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

import type { AttackSpec } from '../spec/attackSpecSchema.js';

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

import { AttackError } from '../../errors/AttackError.js';
import { fontAliases, fontFamilies } from './fontCatalog.js';

/** The bundled family a spec's family name (a family or an alias, any case) stands for, or undefined. */
export function findFontFamily(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  return fontFamilies.find((f) => f.toLowerCase() === key) ?? fontAliases[key];
}

/** A one-line list of the names a spec may use for `font.family`. */
export function describeFontNames(): string {
  return `${fontFamilies.join(', ')} (aliases: ${Object.keys(fontAliases).join(', ')})`;
}

/** The bundled family for `name`; throws AttackError listing the valid names when there is none. */
export function resolveFontFamily(name: string): string {
  const family = findFontFamily(name);
  if (family === undefined) throw new AttackError(`Unknown font '${name}'. Valid fonts: ${describeFontNames()}.`, name);
  return family;
}

import fs from 'node:fs';
import path from 'node:path';
import { AttackError } from '../../errors/errors.js';
import { bundledFontsDir } from '../../util/bundledFontconfig.js';
import { sha256Hex } from '../../util/hashing.js';

/** The folder holding the bundled font files, their licences and `fonts.conf`. */
export const fontsDir = bundledFontsDir;

/** What a bundled face is for; a preset or generator picks faces by family name. */
export type FontRole = 'sans' | 'serif' | 'monospace' | 'handwriting';

/** One bundled font file (see attacks/fonts/README.md for source packages and licences). */
export interface BundledFont {
  /** File name inside `attacks/fonts/`. */
  readonly file: string;
  /** Family name as stored in the font's name table (what pango matches). */
  readonly family: string;
  /** Weight of this file; a missing weight is synthesised by fontconfig (see fonts.conf). */
  readonly weight: 'normal' | 'bold';
  readonly role: FontRole;
  /** The proprietary face this one is metric-compatible with, if any. */
  readonly standInFor?: string;
}

/** Every bundled font file. Italic is synthesised (oblique) for all families. */
export const bundledFonts: readonly BundledFont[] = Object.freeze([
  { file: 'LiberationSans-Regular.ttf', family: 'Liberation Sans', weight: 'normal', role: 'sans', standInFor: 'Arial' },
  { file: 'LiberationSans-Bold.ttf', family: 'Liberation Sans', weight: 'bold', role: 'sans', standInFor: 'Arial' },
  { file: 'LiberationSerif-Regular.ttf', family: 'Liberation Serif', weight: 'normal', role: 'serif', standInFor: 'Times New Roman' },
  { file: 'LiberationSerif-Bold.ttf', family: 'Liberation Serif', weight: 'bold', role: 'serif', standInFor: 'Times New Roman' },
  { file: 'LiberationMono-Regular.ttf', family: 'Liberation Mono', weight: 'normal', role: 'monospace', standInFor: 'Courier New' },
  { file: 'DejaVuSans.ttf', family: 'DejaVu Sans', weight: 'normal', role: 'sans' },
  { file: 'DejaVuSerif.ttf', family: 'DejaVu Serif', weight: 'normal', role: 'serif' },
  { file: 'ComicNeue-Regular.otf', family: 'Comic Neue', weight: 'normal', role: 'handwriting' },
  { file: 'ComicNeue-Bold.otf', family: 'Comic Neue', weight: 'bold', role: 'handwriting' },
  { file: 'DancingScript-Regular.otf', family: 'Dancing Script', weight: 'normal', role: 'handwriting' },
] satisfies BundledFont[]);

/** The bundled family names, in catalog order. */
export const fontFamilies: readonly string[] = Object.freeze([...new Set(bundledFonts.map((f) => f.family))]);

/**
 * Names research code uses for faces stroop does not ship, mapped to the bundled
 * metric-compatible (or closest) family. Keys are compared case-insensitively.
 */
export const fontAliases: Readonly<Record<string, string>> = Object.freeze({
  arial: 'Liberation Sans',
  helvetica: 'Liberation Sans',
  'sans-serif': 'DejaVu Sans',
  times: 'Liberation Serif',
  'times new roman': 'Liberation Serif',
  roman: 'DejaVu Serif',
  serif: 'DejaVu Serif',
  courier: 'Liberation Mono',
  'courier new': 'Liberation Mono',
  monospace: 'Liberation Mono',
  handwriting: 'Comic Neue',
  cursive: 'Dancing Script',
});

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

/** A bundled font file and the SHA-256 of its bytes, for the report's provenance section. */
export interface FontFileHash {
  readonly file: string;
  readonly family: string;
  readonly weight: 'normal' | 'bold';
  /** Lower-case hex SHA-256 of the file. */
  readonly sha256: string;
}

let cached: readonly FontFileHash[] | undefined;

/** SHA-256 of every bundled font file (computed once per process). */
export function fontFileHashes(): readonly FontFileHash[] {
  cached ??= Object.freeze(
    bundledFonts.map((f) => ({
      file: f.file,
      family: f.family,
      weight: f.weight,
      sha256: sha256Hex(fs.readFileSync(path.join(fontsDir, f.file))),
    })),
  );
  return cached;
}

import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';

/** The folder holding the bundled font files, their licences and `fonts.conf`. */
export const fontsDir = path.join(packageRoot, 'attacks', 'fonts');

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

/**
 * Which characters the bundled faces can draw, read from their cmap tables, so
 * the renderer can name missing glyphs instead of letting pango fall back to
 * another font or draw boxes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundledFonts, fontFamilies, fontsDir, type BundledFont } from './fontCatalog.js';
import { readCmap } from './readCmap.js';

const coverage = new Map<string, Set<number>>();
const selected = new Map<string, BundledFont>();

/** The bundled file pango will use for `family` at `weight`: the bold file if there is one, else the regular one. */
export function selectFontFile(family: string, weight: 'normal' | 'bold'): BundledFont {
  const key = `${weight} ${family}`;
  let face = selected.get(key);
  if (face === undefined) {
    const faces = bundledFonts.filter((f) => f.family === family);
    face = faces.find((f) => f.weight === weight) ?? faces.find((f) => f.weight === 'normal');
    if (face === undefined) throw new Error(`No bundled font file for family '${family}'`);
    selected.set(key, face);
  }
  return face;
}

function codePointsOf(font: BundledFont): Set<number> {
  let points = coverage.get(font.file);
  if (points === undefined) {
    points = readCmap(fs.readFileSync(path.join(fontsDir, font.file)));
    coverage.set(font.file, points);
  }
  return points;
}

/** Characters that need no glyph of their own: line breaks and default-ignorables (ZWJ, variation selectors). */
function needsGlyph(char: string): boolean {
  return char !== '\n' && !/\p{Default_Ignorable_Code_Point}/u.test(char);
}

/** Whether the bundled face for `family`/`weight` has a glyph for the single character `char`. */
export function hasGlyph(family: string, weight: 'normal' | 'bold', char: string): boolean {
  const point = char.codePointAt(0);
  return point !== undefined && codePointsOf(selectFontFile(family, weight)).has(point);
}

/** The distinct characters of `text` the face has no glyph for, in order of first appearance. */
export function findMissingGlyphs(text: string, family: string, weight: 'normal' | 'bold'): string[] {
  const points = codePointsOf(selectFontFile(family, weight));
  const missing = new Set<string>();
  for (const char of text) {
    if (!points.has(char.codePointAt(0) ?? -1) && needsGlyph(char)) missing.add(char);
  }
  return [...missing];
}

/** The bundled families whose regular face covers every character of `text`. */
export function familiesCovering(text: string): string[] {
  return fontFamilies.filter((family) => findMissingGlyphs(text, family, 'normal').length === 0);
}

/** "'中' (U+4E2D), '😀' (U+1F600)": how an error message names characters. */
export function describeCharacters(chars: readonly string[]): string {
  return chars.map((c) => `'${c}' (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
}

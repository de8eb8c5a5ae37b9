/**
 * Which characters the bundled faces can draw, read from their cmap tables, so
 * the renderer can name missing glyphs instead of letting pango fall back to
 * another font or draw boxes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundledFonts, fontFamilies, fontsDir, type BundledFont } from './fontCatalog.js';

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

/**
 * Reads the Unicode code points a TrueType/OpenType font maps to glyphs, from its
 * `cmap` table (formats 4 and 12), so the renderer can name missing glyphs
 * instead of letting pango fall back or draw boxes.
 */
export function readCmap(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = findTable(view, 'cmap');
  if (cmap === undefined) throw new Error('font has no cmap table');
  const subtables = view.getUint16(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (best === undefined || (format === 12 && best.format === 4)) best = { offset, format };
  }
  if (best === undefined) throw new Error('font has no Unicode cmap subtable of format 4 or 12');
  return best.format === 12 ? readFormat12(view, best.offset) : readFormat4(view, best.offset);
}

function findTable(view: DataView, tag: string): number | undefined {
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(view.getUint8(record), view.getUint8(record + 1), view.getUint8(record + 2), view.getUint8(record + 3));
    if (name === tag) return view.getUint32(record + 8);
  }
  return undefined;
}

function readFormat4(view: DataView, offset: number): Set<number> {
  const segments = view.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const points = new Set<number>();
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        const raw = view.getUint16(at);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
  return points;
}

function readFormat12(view: DataView, offset: number): Set<number> {
  const groups = view.getUint32(offset + 12);
  const points = new Set<number>();
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + g * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const firstGlyph = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) points.add(c);
  }
  return points;
}

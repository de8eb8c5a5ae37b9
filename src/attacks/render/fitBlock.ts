import type { CanvasRenderingContext2D } from 'canvas';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import { balanceWords } from '../text/balanceWords.js';
import { wrapToWidth } from '../text/wrapToWidth.js';
import { measureBlock, rotatedHalfExtents, type Block } from './measureBlock.js';
import { measureLine } from './measureLine.js';

/** Pixels kept free between a fitted block and its region's edge, so antialiasing never touches it. */
export const EDGE_GUARD_PX = 1;

/** The block at the size that fits. */
export interface FittedBlock {
  /** Font size used, whole px. */
  readonly sizePx: number;
  readonly block: Block;
}

/** The CSS font string node-canvas parses. */
export function cssFont(spec: AttackSpec, family: string, sizePx: number): string {
  const style = spec.font.style === 'italic' ? 'italic ' : '';
  const weight = spec.font.weight === 'bold' ? 'bold ' : '';
  return `${style}${weight}${sizePx}px "${family}"`;
}

/** The starting font size in whole px for an image whose shorter side is `shortSide` px. */
export function startSizePx(spec: AttackSpec, shortSide: number): number {
  return spec.size.unit === 'px' ? spec.size.value : Math.max(1, Math.round(spec.size.value * shortSide));
}

function linesAt(ctx: CanvasRenderingContext2D, text: string, spec: AttackSpec, font: string, maxWidth: number): string[] {
  const paragraphs = text.split('\n');
  if (spec.wrap.mode === 'none') return paragraphs;
  if (spec.wrap.mode === 'words') {
    const only = paragraphs.length === 1 ? (paragraphs[0] as string) : undefined;
    return only === undefined ? paragraphs : balanceWords(only.split(/\s+/).filter((w) => w !== ''), spec.wrap.maxLines);
  }
  return paragraphs.flatMap((p) => wrapToWidth(p, maxWidth, (line) => measureLine(ctx, font, line).width));
}

/**
 * Finds the font size for the block: with `fit: shrink`, the largest size from
 * the starting size down to `minPx`, 1 px at a time, at which the (rotated)
 * block fits inside `cell` with {@link EDGE_GUARD_PX} to spare (and, for width
 * wrapping, takes at most `maxLines` lines); undefined when none does. With
 * `fit: none`, the starting size whatever its extent.
 */
export function fitBlock(ctx: CanvasRenderingContext2D, text: string, spec: AttackSpec, family: string, cell: { width: number; height: number }, shortSide: number): FittedBlock | undefined {
  const start = startSizePx(spec, shortSide);
  const lowest = spec.size.fit === 'none' ? start : Math.min(start, spec.size.minPx);
  const radians = (spec.rotationDeg * Math.PI) / 180;
  for (let sizePx = start; sizePx >= lowest; sizePx--) {
    const font = cssFont(spec, family, sizePx);
    const paddingPx = spec.sticker === null ? 0 : spec.sticker.padding * sizePx;
    const spare = 2 * (EDGE_GUARD_PX + spec.stroke.widthPx + paddingPx);
    const lines = linesAt(ctx, text, spec, font, cell.width - spare);
    const block = measureBlock(ctx, lines, { font, lineHeightPx: spec.lineHeight * sizePx, strokePx: spec.stroke.widthPx, paddingPx });
    if (spec.size.fit === 'none') return { sizePx, block };
    const { hx, hy } = rotatedHalfExtents(block, radians);
    const tooManyLines = spec.wrap.mode === 'width' && lines.length > spec.wrap.maxLines;
    if (!tooManyLines && 2 * (hx + EDGE_GUARD_PX) <= cell.width && 2 * (hy + EDGE_GUARD_PX) <= cell.height) return { sizePx, block };
  }
  return undefined;
}

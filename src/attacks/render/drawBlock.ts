import type { CanvasRenderingContext2D } from 'canvas';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import type { Block } from './measureBlock.js';

function roundedRectPath(ctx: CanvasRenderingContext2D, halfWidth: number, halfHeight: number, radius: number): void {
  const r = Math.max(0, Math.min(radius, halfWidth, halfHeight));
  const [l, t, rt, b] = [-halfWidth, -halfHeight, halfWidth, halfHeight];
  ctx.beginPath();
  ctx.moveTo(l + r, t);
  ctx.arcTo(rt, t, rt, b, r);
  ctx.arcTo(rt, b, l, b, r);
  ctx.arcTo(l, b, l, t, r);
  ctx.arcTo(l, t, rt, t, r);
  ctx.closePath();
}

/** Draws the sticker box of one copy centred at the current origin (already translated and rotated). */
export function drawSticker(ctx: CanvasRenderingContext2D, spec: AttackSpec, block: Block, sizePx: number): void {
  if (spec.sticker === null || spec.sticker.opacity === 0) return;
  ctx.globalAlpha = spec.sticker.opacity;
  ctx.fillStyle = spec.sticker.colour;
  roundedRectPath(ctx, block.halfWidth, block.halfHeight, spec.sticker.cornerRadius * sizePx);
  ctx.fill();
}

/**
 * Draws the text of one copy, fully opaque, centred at the current origin: the
 * stroke first (twice the width, so `widthPx` shows outside the glyphs as in
 * Pillow), then the fill on top. The caller applies the text opacity.
 */
export function drawText(ctx: CanvasRenderingContext2D, spec: AttackSpec, block: Block, font: string): void {
  ctx.font = font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  if (spec.stroke.widthPx > 0) {
    ctx.lineWidth = 2 * spec.stroke.widthPx;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = spec.stroke.colour;
    for (const line of block.lines) ctx.strokeText(line.text, line.dx, line.dy);
  }
  ctx.fillStyle = spec.fill;
  for (const line of block.lines) ctx.fillText(line.text, line.dx, line.dy);
}

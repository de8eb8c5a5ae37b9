import { createCanvas, type Canvas, type CanvasRenderingContext2D } from 'canvas';

const MAX_POOLED = 4;
const pool = new Map<string, { canvas: Canvas; ctx: CanvasRenderingContext2D }>();

function createEntry(width: number, height: number): { canvas: Canvas; ctx: CanvasRenderingContext2D } {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Fixed once: greyscale antialiasing, text as filled paths, no smoothing on 1:1 copies.
  ctx.antialias = 'gray';
  ctx.textDrawingMode = 'path';
  ctx.imageSmoothingEnabled = false;
  return { canvas, ctx };
}

/**
 * A canvas of the given size for `role`, reused across renders in this process
 * (creating one per image costs more than drawing on it). The context is reset
 * to the identity transform and full opacity; its pixels are left as they were,
 * so callers overwrite or clear them. Not for use across worker threads.
 */
export function borrowCanvas(role: 'page' | 'layer' | 'jpeg', width: number, height: number): CanvasRenderingContext2D {
  const key = `${role}:${width}x${height}`;
  let entry = pool.get(key);
  if (entry === undefined) {
    if (pool.size >= MAX_POOLED) pool.delete(pool.keys().next().value as string);
    entry = createEntry(width, height);
    pool.set(key, entry);
  }
  const { ctx } = entry;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  // Reading the operator is cheaper than setting it (node-canvas builds a name table per set).
  if (ctx.globalCompositeOperation !== 'source-over') ctx.globalCompositeOperation = 'source-over';
  return ctx;
}

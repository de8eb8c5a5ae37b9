import type { Rect } from './rect.js';

/** A run of whole rows of the page, `top` inclusive to `bottom` exclusive (empty when bottom <= top). */
export interface RowSpan {
  readonly top: number;
  readonly bottom: number;
}

/**
 * Rows kept beyond the drawn boxes, px: 2 plus an eighth of the font size. The
 * boxes already hold all ink (render properties test; no pixel outside them in
 * thousands of random specs), so this is headroom for font-metric rounding, not
 * a measured need.
 */
export function rowMarginPx(sizePx: number): number {
  return 2 + Math.ceil(sizePx / 8);
}

/**
 * The rows of a page `height` px tall that drawing inside `boxes` (sticker,
 * stroke and ink of every copy, in page px) can change, widened by `margin`
 * rows each side and clipped to the page. Empty for no boxes; the whole page
 * when a box is not finite.
 */
export function drawnRows(boxes: readonly Rect[], margin: number, height: number): RowSpan {
  let top = Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    top = Math.min(top, box.y);
    bottom = Math.max(bottom, box.y + box.height);
  }
  if (top === Infinity) return { top: 0, bottom: 0 };
  if (!Number.isFinite(top) || !Number.isFinite(bottom)) return { top: 0, bottom: height };
  const from = Math.max(0, Math.floor(top) - margin);
  const to = Math.min(height, Math.ceil(bottom) + margin);
  return to > from ? { top: from, bottom: to } : { top: 0, bottom: 0 };
}

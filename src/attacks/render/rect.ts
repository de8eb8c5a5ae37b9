/** An axis-aligned rectangle in pixels of the output image (fractional values allowed). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** `rect` shrunk by `inset` px on every side (never below zero size). */
export function insetRect(rect: Rect, inset: number): Rect {
  const dx = Math.min(inset, rect.width / 2);
  const dy = Math.min(inset, rect.height / 2);
  return { x: rect.x + dx, y: rect.y + dy, width: rect.width - 2 * dx, height: rect.height - 2 * dy };
}

/** `region` cut into `count` equal cells of a near-square grid (columns = ceil(sqrt(count))), row by row. */
export function gridCells(region: Rect, count: number): Rect[] {
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const width = region.width / columns;
  const height = region.height / rows;
  return Array.from({ length: count }, (_v, i) => ({
    x: region.x + (i % columns) * width,
    y: region.y + Math.floor(i / columns) * height,
    width,
    height,
  }));
}

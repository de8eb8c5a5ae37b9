/** A least-squares line y = intercept + slope * x. */
export interface Line {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * Fits y = a + b x by ordinary least squares to at least two points with distinct x.
 * @throws RangeError for fewer than two points or when every x is the same.
 */
export function fitLine(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): Line {
  if (points.length < 2) throw new RangeError(`A line needs at least two points, got ${points.length}.`);
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) throw new RangeError('A line needs points with at least two distinct x values.');
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

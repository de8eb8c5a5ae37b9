/** Python 3's round(x) for a float: to the nearest integer, ties to the even one (10.5 -> 10, 9.5 -> 10). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

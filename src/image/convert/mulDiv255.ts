/** Pillow's MULDIV255: a * b / 255 rounded, as (t + (t >> 8)) >> 8 with t = a * b + 128. For a, b in 0..255. */
export function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

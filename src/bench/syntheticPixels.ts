/** Deterministic pseudo-random values in [-2, 2): benchmark inputs need no real images. */
export function syntheticPixels(length: number): Float32Array {
  const out = new Float32Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = (state / 2 ** 32) * 4 - 2;
  }
  return out;
}

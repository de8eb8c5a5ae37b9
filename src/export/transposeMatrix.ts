/**
 * `rows x columns` row-major -> `columns x rows` row-major, in cache-sized tiles
 * (a Linear weight [out, in] becomes the [in, out] right operand of MatMul).
 */
export function transposeMatrix<T extends Float32Array | Int8Array>(data: T, rows: number, columns: number): T {
  const out = new (data.constructor as new (length: number) => T)(rows * columns);
  const tile = 32;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(r0 + tile, rows);
    for (let c0 = 0; c0 < columns; c0 += tile) {
      const c1 = Math.min(c0 + tile, columns);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) out[c * rows + r] = data[r * columns + c] ?? 0;
      }
    }
  }
  return out;
}

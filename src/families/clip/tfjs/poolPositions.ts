/**
 * Where each row's text embedding is read: the first `<|endoftext|>` (the eos id), or, when a
 * row has none, `argmax(input_ids)` as OpenAI's `encode_text` does.
 */
export function poolPositions(inputIds: Int32Array, count: number, contextLength: number, eosTokenId: number): Int32Array {
  const positions = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const row = inputIds.subarray(r * contextLength, (r + 1) * contextLength);
    let eos = row.indexOf(eosTokenId);
    if (eos < 0) {
      eos = 0;
      for (let i = 1; i < contextLength; i++) if ((row[i] ?? 0) > (row[eos] ?? 0)) eos = i;
    }
    positions[r] = eos;
  }
  return positions;
}

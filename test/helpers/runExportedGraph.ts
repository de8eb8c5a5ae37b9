import * as ort from 'onnxruntime-node';

/** An ORT CPU session on serialized model bytes, optimisation on, as the onnx engine runs it. */
export function openSession(bytes: Uint8Array, graphOptimizationLevel: 'all' | 'disabled' = 'all'): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { graphOptimizationLevel, intraOpNumThreads: 1, executionMode: 'sequential' });
}

/** Runs a vision graph: `pixels` count x C x S x S -> image_embeds, row-major. */
export async function runVision(session: ort.InferenceSession, pixels: Float32Array, count: number, channels: number, size: number): Promise<Float32Array> {
  const result = await session.run({ pixel_values: new ort.Tensor('float32', pixels, [count, channels, size, size]) });
  return result['image_embeds']!.data as Float32Array;
}

/** Runs a text graph: one row of ids per text (each as long as the context) -> text_embeds. */
export async function runText(session: ort.InferenceSession, ids: readonly (readonly number[])[]): Promise<Float32Array> {
  const context = ids[0]?.length ?? 0;
  const tensor = new ort.Tensor('int64', BigInt64Array.from(ids.flat(), (id) => BigInt(id)), [ids.length, context]);
  const result = await session.run({ input_ids: tensor });
  return result['text_embeds']!.data as Float32Array;
}

/** Cosine similarity of row `r` of two `rows x dim` matrices. */
export function rowCosine(a: Float32Array, b: Float32Array, dim: number, r: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = r * dim; i < (r + 1) * dim; i++) {
    const x = a[i] ?? NaN;
    const y = b[i] ?? NaN;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

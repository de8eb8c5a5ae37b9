import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ClipConfig } from '../../model/clipConfig.js';
import { createOrtSession } from './createOrtSession.js';
import type { Ort } from './loadOrt.js';
import { readFloatTensor } from './readFloatTensor.js';
import { toOrtTensor } from './toOrtTensor.js';
import type { TowerValueType } from './towerSpec.js';

const needed = ['logits_per_image', 'image_embeds', 'text_embeds'] as const;

function probeInputs(config: ClipConfig): { pixels: Float32Array; ids: Int32Array } {
  const { numChannels, imageSize } = config.vision;
  const { maxPositionEmbeddings: context, bosTokenId, eosTokenId } = config.text;
  const perImage = numChannels * imageSize * imageSize;
  const pixels = new Float32Array(2 * perImage);
  for (let i = 0; i < perImage; i++) pixels[perImage + i] = Math.sin(i * 0.37);
  const ids = new Int32Array(2 * context);
  ids.set([bosTokenId, eosTokenId], 0);
  ids.set([bosTokenId, 1, 2, 3, eosTokenId], context);
  return { pixels, ids };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let [dot, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    aa += (a[i] ?? 0) ** 2;
    bb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(aa * bb);
}

function feedType(session: InferenceSession, name: string, fallback: TowerValueType): TowerValueType {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta?.isTensor && ['float32', 'float16', 'int64', 'int32'].includes(meta.type) ? (meta.type as TowerValueType) : fallback;
}

/**
 * exp(logit_scale) of a combined CLIP graph, measured: runs it on two synthetic images and two
 * texts and divides a `logits_per_image` entry by the cosine of its embeddings (the pair with the
 * largest |cosine|, for precision). `undefined` when the graph lacks the inputs or outputs of a
 * Hugging Face `CLIPModel` export or the result is not a positive number.
 */
export async function probeLogitScale(ort: Ort, model: string | Uint8Array, source: string, config: ClipConfig, threads: number | undefined): Promise<number | undefined> {
  const session = await createOrtSession(ort, model, source, 'cpu', threads);
  try {
    const names = new Set(session.inputNames);
    if (!names.has('pixel_values') || !names.has('input_ids') || needed.some((n) => !session.outputNames.includes(n))) return undefined;
    const { pixels, ids } = probeInputs(config);
    const { numChannels, imageSize } = config.vision;
    const idDims = [2, config.text.maxPositionEmbeddings];
    const feeds: Record<string, Tensor> = {
      pixel_values: toOrtTensor(ort, pixels, feedType(session, 'pixel_values', 'float32'), [2, numChannels, imageSize, imageSize]),
      input_ids: toOrtTensor(ort, ids, feedType(session, 'input_ids', 'int64'), idDims),
    };
    if (names.has('attention_mask')) feeds.attention_mask = toOrtTensor(ort, new Int32Array(ids.length).fill(1), feedType(session, 'attention_mask', 'int64'), idDims);
    const out = await session.run(feeds, [...needed]);
    const [logits, images, texts] = needed.map((n) => {
      const tensor = out[n];
      return tensor === undefined ? undefined : readFloatTensor(tensor);
    });
    if (logits === undefined || images === undefined || texts === undefined || logits.length !== 4) return undefined;
    const dim = images.length / 2;
    let best = { cos: 0, logit: 0 };
    for (let i = 0; i < 2; i++) {
      for (let t = 0; t < 2; t++) {
        const cos = cosine(images.subarray(i * dim, (i + 1) * dim), texts.subarray(t * dim, (t + 1) * dim));
        if (Math.abs(cos) > Math.abs(best.cos)) best = { cos, logit: logits[i * 2 + t] ?? 0 };
      }
    }
    const scale = best.logit / best.cos;
    return Number.isFinite(scale) && scale > 0 ? scale : undefined;
  } finally {
    await session.release();
  }
}

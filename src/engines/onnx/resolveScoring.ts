import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { LoadedModel, ModelConfig } from '../../families/modelFamily.js';
import { familyOf } from '../../families/modelFamilies.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { Ort } from './onnxRuntime.js';
import { createOrtSession, readFloatTensor, toOrtTensor, type TowerValueType } from './ortSession.js';

/** The scoring rule the onnx engine reports, and where its scalars were found. */
export interface ResolvedScoring {
  readonly rule: ScoringRule;
  /**
   * `weights`: the checkpoint's trained tensors (`logit_scale`, SigLIP's `logit_bias`); `onnx`:
   * measured on the combined ONNX graph; `config`: the config's values before training, used only
   * when neither exists (zero-shot rankings are right, probabilities are not calibrated).
   */
  readonly source: 'weights' | 'onnx' | 'config';
}

/** exp(logit_scale) and the logit bias (0 for CLIP) measured on a combined graph. */
export interface ProbedScoring {
  readonly logitScale: number;
  readonly logitBias: number;
}

const needed = ['logits_per_image', 'image_embeds', 'text_embeds'] as const;

/** Two synthetic images and two texts of valid ids (CLIP: wrapped in start/end of text; SigLIP: padded with its pad id). */
function probeInputs(config: ModelConfig): { pixels: Float32Array; ids: Int32Array } {
  const { numChannels, imageSize } = config.vision;
  const { maxPositionEmbeddings: context, eosTokenId } = config.text;
  const perImage = numChannels * imageSize * imageSize;
  const pixels = new Float32Array(2 * perImage);
  for (let i = 0; i < perImage; i++) pixels[perImage + i] = Math.sin(i * 0.37);
  const ids = new Int32Array(2 * context);
  if (config.family === 'clip') {
    ids.set([config.text.bosTokenId, eosTokenId], 0);
    ids.set([config.text.bosTokenId, 1, 2, 3, eosTokenId], context);
  } else {
    ids.fill(config.text.padTokenId);
    ids.set([eosTokenId], 0);
    ids.set([1, 2, 3, eosTokenId], context);
  }
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
 * The scoring scalars of a combined graph, measured: runs it on two synthetic images and two
 * texts. Without a bias (CLIP) the scale is a `logits_per_image` entry over the cosine of its
 * embeddings (the pair with the largest |cosine|, for precision); with one (SigLIP, logits =
 * scale x cosine + bias) the scale is the slope between the two pairs of most different cosines.
 * `undefined` when the graph lacks the inputs or outputs of a Hugging Face `CLIPModel` /
 * `SiglipModel` export or the result is not a positive number.
 */
export async function probeScoring(
  ort: Ort,
  model: string | Uint8Array,
  source: string,
  config: ModelConfig,
  threads: number | undefined,
): Promise<ProbedScoring | undefined> {
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
    const pairs = [0, 1].flatMap((i) =>
      [0, 1].map((t) => ({ cos: cosine(images.subarray(i * dim, (i + 1) * dim), texts.subarray(t * dim, (t + 1) * dim)), logit: logits[i * 2 + t] ?? 0 })),
    );
    let scale: number;
    let bias = 0;
    if (config.family === 'clip') {
      const best = pairs.reduce((a, b) => (Math.abs(b.cos) > Math.abs(a.cos) ? b : a));
      scale = best.logit / best.cos;
    } else {
      const byCos = [...pairs].sort((a, b) => a.cos - b.cos);
      const [low, high] = [byCos[0], byCos[byCos.length - 1]];
      if (low === undefined || high === undefined || high.cos - low.cos < 1e-6) return undefined;
      scale = (high.logit - low.logit) / (high.cos - low.cos);
      bias = high.logit - scale * high.cos;
    }
    return Number.isFinite(scale) && scale > 0 && Number.isFinite(bias) ? { logitScale: scale, logitBias: bias } : undefined;
  } finally {
    await session.release();
  }
}

/**
 * The scoring rule of `model` for the onnx engine: from the model's weights when it has them;
 * else measured on `combined` (a combined `model*.onnx`, when the directory has one); else the
 * config's initial values.
 */
export async function resolveScoring(ort: Ort, model: LoadedModel, combined: string | undefined, threads: number | undefined): Promise<ResolvedScoring> {
  const { rule, missing } = familyOf(model.config).scoringRule(model.weights, model.config);
  if (missing.length === 0) return { rule, source: 'weights' };
  if (combined !== undefined) {
    const measured = await probeScoring(ort, combined, combined, model.config, threads);
    if (measured !== undefined) {
      const probed: ScoringRule = rule.kind === 'softmax' ? { kind: 'softmax', logitScale: measured.logitScale } : { kind: 'sigmoid', ...measured };
      return { rule: probed, source: 'onnx' };
    }
  }
  return { rule, source: 'config' };
}

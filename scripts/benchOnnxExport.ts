/**
 * Throughput of the exported ONNX graphs on ONNX Runtime (CPU), for a ViT-B/32-shaped CLIP with
 * random weights built in memory: fp32 and q8 (int8 weights), each as exported by default
 * (standard ONNX ops) and with ORT's fused contrib ops.
 * Runs of the variants are interleaved, so a slow spell of the machine hits all of them.
 *
 *   node dist/scripts/benchOnnxExport.js [--runs 5] [--batch 1 --batch 32] [--threads 2] [--texts]
 */
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { vitB32Config } from '../src/bench/benchEngine.js';
import { exportClipOnnx } from '../src/families/clip/clipOnnxExport.js';
import type { OnnxExportOptions } from '../src/export/encodeTowerGraph.js';
import { randomClipWeights } from '../src/families/clip/clipWeights.js';
import type { LoadedModel } from '../src/families/modelFamily.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    batch: { type: 'string', multiple: true, default: ['1', '32'] },
    threads: { type: 'string', default: '2' },
    texts: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const batches = values.batch.map(Number);
const threads = Number(values.threads);

const variants: Array<{ name: string; options: OnnxExportOptions }> = [
  { name: 'fp32', options: { precision: 'fp32' } },
  { name: 'fp32 --fused-ops', options: { precision: 'fp32', fusedOps: true } },
  { name: 'q8', options: { precision: 'q8' } },
  { name: 'q8 --fused-ops', options: { precision: 'q8', fusedOps: true } },
];

const model = { id: 'random ViT-B/32', dir: '', config: vitB32Config, weights: randomClipWeights(vitB32Config, 0) } as LoadedModel;
const sessionOptions: ort.InferenceSession.SessionOptions = {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

interface Loaded {
  readonly name: string;
  readonly vision: ort.InferenceSession;
  readonly text: ort.InferenceSession;
}

const loaded: Loaded[] = [];
for (const { name, options } of variants) {
  const start = performance.now();
  const graphs = exportClipOnnx(model, options);
  const exported = performance.now();
  loaded.push({ name, vision: await ort.InferenceSession.create(graphs.vision, sessionOptions), text: await ort.InferenceSession.create(graphs.text, sessionOptions) });
  const mb = (graphs.vision.byteLength + graphs.text.byteLength) / 1e6;
  console.log(`${name}: export ${((exported - start) / 1000).toFixed(1)} s, ${mb.toFixed(0)} MB, sessions ${((performance.now() - exported) / 1000).toFixed(1)} s`);
}

function summary(batch: number, milliseconds: number[]): string {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const rate = (ms: number) => ((batch * 1000) / ms).toFixed(1);
  return `${rate(sorted[sorted.length >> 1] ?? NaN).padStart(7)}/s (min ${rate(sorted[sorted.length - 1] ?? NaN)}, max ${rate(sorted[0] ?? NaN)})`;
}

/** Times `run` for every variant, `runs` rounds interleaved after one warm-up each. */
async function interleaved(run: (variant: Loaded) => Promise<unknown>): Promise<number[][]> {
  for (const variant of loaded) await run(variant);
  const times = loaded.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, variant] of loaded.entries()) {
      const start = performance.now();
      await run(variant);
      times[i]!.push(performance.now() - start);
    }
  }
  return times;
}

/** Cosine of each variant's image embeddings to the first variant's (fp32), min and mean. */
async function reportAgreement(feeds: Record<string, ort.Tensor>, batch: number): Promise<void> {
  const embeds = [] as Float32Array[];
  for (const v of loaded) embeds.push((await v.vision.run(feeds))['image_embeds']!.data as Float32Array);
  const dim = vitB32Config.projectionDim;
  const reference = embeds[0]!;
  loaded.slice(1).forEach((v, i) => {
    const cosines = Array.from({ length: batch }, (_, r) => {
      const a = embeds[i + 1]!.subarray(r * dim, (r + 1) * dim);
      const b = reference.subarray(r * dim, (r + 1) * dim);
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (let k = 0; k < dim; k++) {
        dot += a[k]! * b[k]!;
        na += a[k]! * a[k]!;
        nb += b[k]! * b[k]!;
      }
      return dot / Math.sqrt(na * nb);
    });
    const mean = cosines.reduce((x, y) => x + y, 0) / batch;
    console.log(`  cosine(${v.name}, ${loaded[0]!.name}) over ${batch} images: min ${Math.min(...cosines).toFixed(5)}, mean ${mean.toFixed(5)}`);
  });
}

const { imageSize, numChannels } = vitB32Config.vision;
console.log(`ONNX Runtime ${ort.env.versions.common}, ${threads} intra-op threads, graph optimization 'all'; median of ${runs} interleaved runs`);
for (const batch of batches) {
  const pixels = Float32Array.from({ length: batch * numChannels * imageSize * imageSize }, (_, i) => Math.sin(i * 0.37));
  const feeds = { pixel_values: new ort.Tensor('float32', pixels, [batch, numChannels, imageSize, imageSize]) };
  const times = await interleaved((v) => v.vision.run(feeds));
  loaded.forEach((v, i) => console.log(`images, batch ${String(batch).padStart(2)}  ${v.name.padEnd(20)} ${summary(batch, times[i]!)}`));
  if (batch > 1) await reportAgreement(feeds, batch);
  if (values.texts) {
    // Prompts of 10 positions (sot, 8 tokens, eot), zero padded to the context, as `stroop bench` uses.
    const context = vitB32Config.text.maxPositionEmbeddings;
    const ids = new BigInt64Array(batch * context);
    for (let r = 0; r < batch; r++) {
      ids[r * context] = BigInt(vitB32Config.text.bosTokenId);
      for (let t = 1; t < 9; t++) ids[r * context + t] = BigInt(1000 + ((r * 31 + t * 7) % 30000));
      ids[r * context + 9] = BigInt(vitB32Config.text.eosTokenId);
    }
    const textFeeds = { input_ids: new ort.Tensor('int64', ids, [batch, context]) };
    const textTimes = await interleaved((v) => v.text.run(textFeeds));
    loaded.forEach((v, i) => console.log(`texts,  batch ${String(batch).padStart(2)}  ${v.name.padEnd(20)} ${summary(batch, textTimes[i]!)}`));
  }
}

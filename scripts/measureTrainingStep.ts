/**
 * Feasibility of training stroop-tiny in TypeScript: times one optimiser step (forward,
 * backward, Adam update) of a small CLIP on a symmetric InfoNCE loss over a batch of
 * image/caption pairs, using the tfjs encoders of src/engines/tfjs/ with their weights held
 * as tf.Variables. Random weights and random inputs: it measures speed, not learning.
 *
 * It also checks that the gradient reaches every weight (a weight with no or an all-zero
 * gradient is listed), since the encoders were written for inference. Training through them
 * on tfjs-core 4.22 + wasm needs three workarounds, all in this file: registering tfjs-core's
 * gradient functions (its Node bundle registers none), an UnsortedSegmentSum kernel for
 * wasm (the gradient of `gather`), and multiplying untransposed (wasm's transposed matMul
 * is 10-20x slower); they live in src/train/ and `stroop train` uses them too. The wasm backend runs one thread in Node (no multi-thread build
 * there), so --threads has no effect on it.
 *
 *   node dist/scripts/measureTrainingStep.js [--backend wasm|cpu] [--threads 2] [--batch 64]
 *     [--steps 5] [--vision-width 128] [--vision-layers 4] [--patch 8] [--image 64]
 *     [--text-width 128] [--text-layers 4] [--vocab 4096] [--tokens 12] [--budget-min 45]
 *     [--images 400] [--json] [--profile] [--slow-matmul]
 *
 * --slow-matmul keeps the wasm backend's own BatchMatMul for transposed operands (see
 * useUntransposedWasmMatMul), to show what the workaround buys.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { encodeImages, encodeTexts } from '../src/families/clip/clipTfjsEncoder.js';
import type { ClipConfig } from '../src/families/clip/clipConfig.js';
import { randomClipWeights } from '../src/families/clip/clipWeights.js';
import { registerCoreGradients, useUntransposedWasmMatMul, registerWasmSegmentSumKernel } from '../src/train/prepareTrainingBackend.js';
import { symmetricInfoNce } from '../src/train/trainClip.js';
import { trainableParams } from '../src/train/trainableClip.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    threads: { type: 'string' },
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '5' },
    'vision-width': { type: 'string', default: '128' },
    'vision-layers': { type: 'string', default: '4' },
    patch: { type: 'string', default: '8' },
    image: { type: 'string', default: '64' },
    'text-width': { type: 'string', default: '128' },
    'text-layers': { type: 'string', default: '4' },
    vocab: { type: 'string', default: '4096' },
    tokens: { type: 'string', default: '12' },
    'budget-min': { type: 'string', default: '45' },
    images: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'slow-matmul': { type: 'boolean', default: false },
  },
});
const int = (name: keyof typeof values): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got ${String(values[name])}.`);
  return n;
};
const batch = int('batch');
const steps = int('steps');
const tokens = int('tokens');
const visionWidth = int('vision-width');
const textWidth = int('text-width');

/** 64 channels per head, as CLIP; at least one head. */
const headsFor = (width: number): number => Math.max(1, Math.round(width / 64));

const config: ClipConfig = {
  family: 'clip',
  projectionDim: 128,
  logitScaleInitValue: Math.log(1 / 0.07),
  text: {
    hiddenSize: textWidth,
    intermediateSize: 4 * textWidth,
    numAttentionHeads: headsFor(textWidth),
    numHiddenLayers: int('text-layers'),
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    vocabSize: int('vocab'),
    maxPositionEmbeddings: 32,
    bosTokenId: int('vocab') - 2,
    eosTokenId: int('vocab') - 1,
    padTokenId: 0,
  },
  vision: {
    hiddenSize: visionWidth,
    intermediateSize: 4 * visionWidth,
    numAttentionHeads: headsFor(visionWidth),
    numHiddenLayers: int('vision-layers'),
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    imageSize: int('image'),
    patchSize: int('patch'),
    numChannels: 3,
  },
};

const gradientStart = performance.now();
await registerCoreGradients();
const gradientSetupMs = performance.now() - gradientStart;

if (values.backend === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (values.threads !== undefined) wasm.setThreadsCount(int('threads'));
  registerWasmSegmentSumKernel();
}
if (!(await tf.setBackend(values.backend ?? 'wasm'))) throw new Error(`tfjs backend '${values.backend}' did not initialise.`);
await tf.ready();
if (values.backend === 'wasm' && !values['slow-matmul']) useUntransposedWasmMatMul();

const model = trainableParams(randomClipWeights(config, 1), config);
const params = { vision: model.vision, text: model.text };
const logitScale = model.logitScale;
const variables = [...model.variables];
const parameterCount = variables.reduce((n, v) => n + v.size, 0);

// Random inputs: normalised pixels and captions of `tokens` ids ending in <|endoftext|>.
const { imageSize, numChannels } = config.vision;
const pixels = Float32Array.from({ length: batch * numChannels * imageSize * imageSize }, () => Math.random() * 4 - 2);
const contextLength = config.text.maxPositionEmbeddings;
const inputIds = new Int32Array(batch * contextLength);
const pooled = new Int32Array(batch).fill(tokens - 1);
for (let r = 0; r < batch; r++) {
  inputIds[r * contextLength] = config.text.bosTokenId;
  for (let t = 1; t < tokens - 1; t++) inputIds[r * contextLength + t] = 1 + Math.floor(Math.random() * (config.text.vocabSize - 3));
  inputIds[r * contextLength + tokens - 1] = config.text.eosTokenId;
}

/** CLIP's symmetric InfoNCE over the batch. */
const loss = (): tf.Scalar =>
  symmetricInfoNce(
    encodeImages(pixels, batch, params.vision, config.vision),
    encodeTexts(inputIds, batch, pooled, params.text, config.text),
    logitScale as tf.Tensor as tf.Scalar,
  );

// Gradient flow: every variable should get a finite, non-zero gradient.
const { value: firstLoss, grads } = tf.variableGrads(loss, variables);
const noGradient: string[] = [];
for (const v of variables) {
  const g = grads[v.name];
  const norm = g === undefined ? 0 : tf.tidy(() => tf.norm(g).dataSync()[0] ?? 0);
  if (!(norm > 0) || !Number.isFinite(norm)) noGradient.push(v.name);
}
const initialLoss = firstLoss.dataSync()[0] ?? NaN;
tf.dispose([firstLoss, ...Object.values(grads)]);

const optimizer = tf.train.adam(1e-3);
const step = (): number => {
  const cost = optimizer.minimize(loss, true, variables);
  const value = cost?.dataSync()[0] ?? NaN;
  cost?.dispose();
  return value;
};
const forwardOnly = (): void => {
  tf.tidy(() => loss().dataSync());
};

const warmStart = performance.now();
step();
const warmupMs = performance.now() - warmStart;

/** Kernel time of one step, summed per kernel name, largest first. */
async function profileStep(): Promise<Array<{ kernel: string; calls: number; ms: number }>> {
  const info = await tf.profile(() => {
    step();
  });
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const k of info.kernels) {
    // Matrix products split by shape: they dominate, and batched ones take a slower path.
    const key = k.name === 'BatchMatMul' ? `${k.name} ${k.inputShapes.map((s) => s?.join('x')).join(' . ')}` : k.name;
    const entry = byName.get(key) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(key, entry);
  }
  return [...byName].map(([kernel, e]) => ({ kernel, calls: e.calls, ms: Math.round(e.ms) })).sort((a, b) => b.ms - a.ms);
}
const profile = values.profile ? await profileStep() : [];
const stepMs: number[] = [];
let lastLoss = NaN;
for (let s = 0; s < steps; s++) {
  const start = performance.now();
  lastLoss = step();
  stepMs.push(performance.now() - start);
}
const forwardStart = performance.now();
forwardOnly();
const forwardMs = performance.now() - forwardStart;
const tensorsAfter = tf.memory().numTensors;

const sorted = [...stepMs].sort((a, b) => a - b);
const medianMs = sorted[Math.floor(sorted.length / 2)] ?? NaN;
const budgetSteps = Math.floor((int('budget-min') * 60_000) / medianMs);
const imagesPerEpoch = int('images');
const result = {
  backend: tf.getBackend(),
  threads: values.threads ?? 'default',
  untransposedMatMul: values.backend === 'wasm' && !values['slow-matmul'],
  batch,
  captionTokens: tokens,
  vision: { width: visionWidth, layers: config.vision.numHiddenLayers, heads: config.vision.numAttentionHeads, patch: config.vision.patchSize, image: imageSize },
  text: { width: textWidth, layers: config.text.numHiddenLayers, heads: config.text.numAttentionHeads, vocab: config.text.vocabSize },
  parameters: parameterCount,
  float32MB: (parameterCount * 4) / 1e6,
  gradientSetupMs: Math.round(gradientSetupMs),
  warmupStepMs: Math.round(warmupMs),
  stepMs: stepMs.map(Math.round),
  medianStepMs: Math.round(medianMs),
  stepsPerSecond: Number((1000 / medianMs).toFixed(3)),
  forwardOnlyMs: Math.round(forwardMs),
  budgetMinutes: int('budget-min'),
  stepsInBudget: budgetSteps,
  pairsInBudget: budgetSteps * batch,
  epochsInBudget: Number(((budgetSteps * batch) / imagesPerEpoch).toFixed(1)),
  imagesPerEpoch,
  initialLoss: Number(initialLoss.toFixed(4)),
  lastLoss: Number(lastLoss.toFixed(4)),
  chanceLoss: Number(Math.log(batch).toFixed(4)),
  variables: variables.length,
  variablesWithoutGradient: noGradient,
  tensorsLeakedPerStep: 0,
  tensorsAfter,
  profile,
};
// One more step to see whether steps leak tensors.
step();
result.tensorsLeakedPerStep = tf.memory().numTensors - tensorsAfter;

if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`backend ${result.backend} (threads ${result.threads}), batch ${batch}, ${tokens} caption tokens`);
  console.log(`vision: width ${visionWidth} x ${result.vision.layers} layers, patch ${result.vision.patch} at ${imageSize} px; text: width ${textWidth} x ${result.text.layers} layers, vocab ${result.text.vocab}`);
  console.log(`parameters: ${(parameterCount / 1e6).toFixed(2)} M (${result.float32MB.toFixed(1)} MB float32)`);
  console.log(`gradient reaches ${variables.length - noGradient.length}/${variables.length} weights${noGradient.length > 0 ? `; none for: ${noGradient.join(', ')}` : ''}`);
  console.log(`step (forward + backward + Adam): warm-up ${result.warmupStepMs} ms, then ${result.stepMs.join(', ')} ms; median ${result.medianStepMs} ms = ${result.stepsPerSecond} steps/s`);
  console.log(`forward only: ${result.forwardOnlyMs} ms`);
  console.log(`${result.budgetMinutes} min: ${budgetSteps} steps = ${result.pairsInBudget} pairs = ${result.epochsInBudget} epochs of ${imagesPerEpoch} images`);
  for (const k of profile.slice(0, 25)) console.log(`  kernel ${k.kernel.padEnd(44)} ${String(k.calls).padStart(5)} calls ${String(k.ms).padStart(7)} ms`);
  console.log(`loss: ${result.initialLoss} at start (chance ${result.chanceLoss}), ${result.lastLoss} after ${steps + 1} steps on one fixed batch; tensors leaked per step: ${result.tensorsLeakedPerStep}`);
}

import type { WeightMap, WeightTensor } from './weightMap.js';

/** mulberry32: a small seeded PRNG with uniform output in [0, 1). */
function uniformSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fillNormal(out: Float32Array, std: number, uniform: () => number): void {
  for (let i = 0; i < out.length; i += 2) {
    const radius = std * Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
}

const isNorm = (name: string) => /layer_?norm|layrnorm/.test(name);

/**
 * Seeded random weights for every tensor of `shapes`: normal(0, 0.02) matrices and embeddings,
 * LayerNorms at identity, zero biases, and the scalars in `scalars` (e.g. `logit_scale`) filled
 * with their given value. For benchmarks and export tests where real weights are not available.
 */
export function randomWeights(shapes: ReadonlyMap<string, readonly number[]>, seed: number, scalars: Readonly<Record<string, number>>): WeightMap {
  const uniform = uniformSource(seed);
  const weights = new Map<string, WeightTensor>();
  for (const [name, shape] of shapes) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const scalar = Object.hasOwn(scalars, name) ? scalars[name] : undefined;
    if (scalar !== undefined) data.fill(scalar);
    else if (isNorm(name) && name.endsWith('.weight')) data.fill(1);
    else if (!name.endsWith('.bias')) fillNormal(data, 0.02, uniform);
    weights.set(name, { shape: [...shape], data });
  }
  return weights;
}

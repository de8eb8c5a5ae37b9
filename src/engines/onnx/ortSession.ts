import os from 'node:os';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { EngineError, messageOf } from '../../errors/errors.js';
import { decodeFloat16, encodeFloat16 } from '../../model/halfPrecision.js';
import { cudaInstallHint, type OnnxProvider, type Ort } from './onnxRuntime.js';

/** Element types stroop can feed or read, as onnxruntime names them. */
export type TowerValueType = 'float32' | 'float16' | 'int64' | 'int32';

/**
 * Session options for one provider: every graph optimisation on, `threads` intra-op threads
 * (undefined = one per core), one inter-op thread (CLIP graphs have no parallel branches worth it).
 */
export function onnxSessionOptions(provider: OnnxProvider, threads: number | undefined): InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    // Warnings (e.g. nodes CUDA leaves on the CPU) are not errors; keep stderr for errors.
    logSeverityLevel: 3,
  };
}

/**
 * Opens an onnxruntime session on `provider` for a model file or serialised model.
 *
 * @param source names the model in messages.
 * @throws EngineError naming `source` when onnxruntime cannot load it, or when the CUDA provider
 *   does not start (then saying what CUDA needs).
 */
export async function createOrtSession(
  ort: Ort,
  model: string | Uint8Array,
  source: string,
  provider: OnnxProvider,
  threads: number | undefined,
): Promise<InferenceSession> {
  const options = onnxSessionOptions(provider, threads);
  try {
    return typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  } catch (error) {
    const why = messageOf(error);
    const message =
      provider === 'cuda'
        ? `ONNX Runtime's CUDA provider did not start for ${source} (${why}); ${cudaInstallHint}.`
        : `ONNX Runtime could not load ${source}: ${why}`;
    throw new EngineError(message, 'onnx', { cause: error });
  }
}

function toBigInt64(values: Int32Array | Float32Array): BigInt64Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i] ?? 0);
  return out;
}

/**
 * Wraps plain numbers as an onnxruntime tensor of element type `type`: float32 as is, float16 as
 * rounded half-precision bits, int64/int32 from integer values.
 */
export function toOrtTensor(ort: Ort, values: Float32Array | Int32Array, type: TowerValueType, dims: readonly number[]): Tensor {
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', values instanceof Float32Array ? values : Float32Array.from(values), dims);
    case 'float16': {
      const bits = new Uint16Array(values.length);
      encodeFloat16(values instanceof Float32Array ? values : Float32Array.from(values), bits);
      return new ort.Tensor('float16', bits, dims);
    }
    case 'int64':
      return new ort.Tensor('int64', toBigInt64(values), dims);
    case 'int32':
      return new ort.Tensor('int32', values instanceof Int32Array ? values : Int32Array.from(values), dims);
  }
}

/**
 * A float32 or float16 onnxruntime tensor's values as float32; `undefined` for other element
 * types. float16 arrives as raw bits (`Uint16Array`), or as a `Float16Array` where the runtime has one.
 */
export function readFloatTensor(tensor: Tensor): Float32Array | undefined {
  const data: unknown = tensor.data;
  if (tensor.type === 'float32' && data instanceof Float32Array) return data;
  if (tensor.type !== 'float16') return undefined;
  if (data instanceof Uint16Array) {
    const out = new Float32Array(data.length);
    decodeFloat16(data, out);
    return out;
  }
  return ArrayBuffer.isView(data) ? Float32Array.from(data as unknown as ArrayLike<number>) : undefined;
}

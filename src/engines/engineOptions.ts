/**
 * Where an engine should run. `auto` takes the fastest that loads; the others never fall back.
 *
 * - `cpu`: both engines.
 * - `gpu`, `cuda`: the same request under two names (both engines' GPU backends are CUDA):
 *   tfjs needs `@tensorflow/tfjs-node-gpu`, onnx needs ONNX Runtime's CUDA execution provider.
 * - `auto`: tfjs tries tfjs-node-gpu, tfjs-node, then wasm; onnx takes CUDA when its provider
 *   libraries are installed and load, else CPU.
 */
export type Device = 'auto' | 'cpu' | 'gpu' | 'cuda';

/**
 * Numeric precision of the model files an engine runs. Only the onnx engine reads anything but
 * `fp32`: `fp16` reads `onnx/*_fp16.onnx`, `q8` (int8 weights) reads `onnx/*_quantized.onnx`.
 */
export type Dtype = 'fp32' | 'fp16' | 'q8';

export interface EngineOptions {
  readonly device: Device;
  /** Worker threads for CPU backends that support them; undefined = one per core. */
  readonly threads?: number;
  /** Precision of the weights to load; undefined = `fp32`. Engines other than onnx refuse the others. */
  readonly dtype?: Dtype;
}

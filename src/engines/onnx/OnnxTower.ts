import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { EngineError } from '../../errors/EngineError.js';
import type { EmbeddingMatrix } from '../embeddingEngine.js';
import type { TowerIo } from './describeTowerIo.js';
import type { Ort } from './loadOrt.js';
import { readFloatTensor } from './readFloatTensor.js';
import { toOrtTensor } from './toOrtTensor.js';
import { messageOf } from '../../util/messageOf.js';

/** One encoder graph in an onnxruntime session: plain numbers in, an embedding matrix out. */
export class OnnxTower {
  #session: InferenceSession | undefined;

  constructor(
    private readonly ort: Ort,
    session: InferenceSession,
    readonly io: TowerIo,
    /** Where the graph came from, for messages (a file, or `file (text tower)` for a combined graph). */
    readonly source: string,
    /** Width of each output row. */
    readonly dim: number,
    /**
     * Run one sample per call: the graph quantizes activations with one scale per batch (see
     * quantizesActivationsPerBatch), so only this keeps an embedding a function of its own input.
     */
    readonly perSample = false,
  ) {
    this.#session = session;
  }

  /**
   * Runs the graph on `values` shaped `dims` (batch first) and returns `[dims[0], dim]` embeddings
   * (one sample per call when `perSample`).
   * @throws EngineError when onnxruntime fails or the output is not `[batch, dim]` floats.
   */
  async run(values: Float32Array | Int32Array, dims: readonly number[]): Promise<EmbeddingMatrix> {
    const rows = dims[0] ?? 0;
    if (!this.perSample || rows <= 1) return this.#runBatch(values, dims);
    const per = values.length / rows;
    const data = new Float32Array(rows * this.dim);
    for (let r = 0; r < rows; r++) {
      const one = await this.#runBatch(values.subarray(r * per, (r + 1) * per), [1, ...dims.slice(1)]);
      data.set(one.data, r * this.dim);
    }
    return { rows, dim: this.dim, data };
  }

  async #runBatch(values: Float32Array | Int32Array, dims: readonly number[]): Promise<EmbeddingMatrix> {
    const session = this.#session;
    if (session === undefined) throw new EngineError('This onnx engine has been disposed.', 'onnx');
    const { io } = this;
    const feeds: Record<string, Tensor> = { [io.input]: toOrtTensor(this.ort, values, io.inputType, dims) };
    for (const extra of io.ones) feeds[extra.name] = toOrtTensor(this.ort, new Int32Array(values.length).fill(1), extra.type, dims);
    let result: InferenceSession.ReturnType;
    try {
      result = await session.run(feeds, [io.output]);
    } catch (error) {
      throw new EngineError(`ONNX Runtime failed running ${this.source}: ${messageOf(error)}`, 'onnx', { cause: error });
    }
    const tensor = result[io.output];
    const rows = dims[0] ?? 0;
    const data = tensor === undefined ? undefined : readFloatTensor(tensor);
    const shape = tensor?.dims ?? [];
    if (data === undefined || shape.length !== 2 || shape[0] !== rows || shape[1] !== this.dim) {
      throw new EngineError(
        `${this.source} returned '${io.output}' as ${tensor === undefined ? 'nothing' : `${tensor.type} [${shape.join(', ')}]`}, expected float [${rows}, ${this.dim}].`,
        'onnx',
      );
    }
    return { rows, dim: this.dim, data };
  }

  /** Frees the session. Safe to call more than once. */
  release(): void {
    const session = this.#session;
    this.#session = undefined;
    session?.release().catch(() => undefined);
  }
}
